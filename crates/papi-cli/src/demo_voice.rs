//! The demo's residents' matters as they stand on the demo's day (15/10/2025): feedback,
//! complaints and denunciations from every channel and in every state — answered and rated,
//! assigned and late, transferred, refused, duplicated, suspended, decided and appealed — and
//! a sealed denunciation against a commune official, who cannot see it. Entered through the
//! application layer, so the clocks, the seal and the mail are the real ones.

use anyhow::Context;
use chrono::NaiveDate;
use papi_app::voice::{Intake, StepInput};
use papi_app::App;
use papi_core::voice::intake::IntakeForm;
use papi_core::voice::{Channel, MatterKind, Requester, StepKind};
use papi_core::{Actor, Dimension, Role};
use papi_store::Store;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid demo date")
}

/// One demo matter: what arrived, from whom, and the steps taken since.
struct Script {
    kind: MatterKind,
    channel: Channel,
    received: NaiveDate,
    title: &'static str,
    content: &'static str,
    person: (&'static str, &'static str, &'static str, &'static str),
    village: Option<&'static str>,
    unit: Option<&'static str>,
    dimension: u8,
    respondent: &'static str,
    portal_code: &'static str,
    accused: &'static [&'static str],
    against_leadership: bool,
    publish: bool,
    steps: &'static [(StepKind, (u32, u32), &'static str)],
}

const DIACHINH: &str = "Công chức Địa chính - Xây dựng - Nông nghiệp và Môi trường";
const VANHOA: &str = "Công chức Văn hóa - Xã hội";
const MOTCUA: &str = "Bộ phận Một cửa";

use StepKind as K;

const SCRIPTS: &[Script] = &[
    Script {
        kind: MatterKind::Feedback,
        channel: Channel::Letter,
        received: NaiveDate::from_ymd_opt(2025, 9, 1).unwrap(),
        title: "Đèn chiếu sáng đường trục thôn Đông không sáng",
        content: "Năm cột đèn trên đường trục thôn Đông không sáng từ cuối tháng 8, trẻ em đi học buổi tối rất nguy hiểm.",
        person: ("Đặng Thị Thu", "Thôn Đông", "0912 000 111", "thu.dang@example.com"),
        village: Some("Thôn Đông"),
        unit: Some(DIACHINH),
        dimension: 6,
        respondent: "",
        portal_code: "",
        accused: &[],
        against_leadership: false,
        publish: true,
        steps: &[
            (K::Acknowledge, (9, 3), ""),
            (K::Assign, (9, 3), ""),
            (K::Answer, (9, 12), "Ngày 11/9/2025 UBND xã đã thay bóng và sửa đường dây; năm cột đèn đã sáng trở lại. Cảm ơn bà đã phản ánh."),
            (K::Close, (9, 15), ""),
        ],
    },
    Script {
        kind: MatterKind::Feedback,
        channel: Channel::WebForm,
        received: NaiveDate::from_ymd_opt(2025, 10, 8).unwrap(),
        title: "Rác thải tồn đọng ở chợ Lương Tài",
        content: "Rác ở góc chợ không được thu gom ba ngày nay, bốc mùi.",
        person: ("", "", "", ""),
        village: Some("Thôn Trung"),
        unit: None,
        dimension: 7,
        respondent: "",
        portal_code: "",
        accused: &[],
        against_leadership: false,
        publish: false,
        steps: &[],
    },
    Script {
        kind: MatterKind::Feedback,
        channel: Channel::Reception,
        received: NaiveDate::from_ymd_opt(2025, 10, 1).unwrap(),
        title: "Đề nghị hướng dẫn thủ tục đăng ký khai sinh trực tuyến",
        content: "Ông đề nghị xã hướng dẫn cách nộp hồ sơ đăng ký khai sinh trên Cổng Dịch vụ công.",
        person: ("Ngô Văn Khải", "Thôn Bắc", "0904 222 333", ""),
        village: Some("Thôn Bắc"),
        unit: Some(MOTCUA),
        dimension: 8,
        respondent: "",
        portal_code: "",
        accused: &[],
        against_leadership: false,
        publish: false,
        steps: &[(K::Acknowledge, (10, 2), ""), (K::Assign, (10, 2), "")],
    },
    Script {
        kind: MatterKind::Feedback,
        channel: Channel::VillageHead,
        received: NaiveDate::from_ymd_opt(2025, 9, 15).unwrap(),
        title: "Mương thoát nước thôn Nam bị lấp",
        content: "Đoạn mương thoát nước cạnh nhà văn hóa thôn Nam bị lấp, mưa to nước tràn vào nhà dân.",
        person: ("Vũ Thị Hằng", "Thôn Nam", "0915 444 555", ""),
        village: Some("Thôn Nam"),
        unit: Some(DIACHINH),
        dimension: 7,
        respondent: "",
        portal_code: "",
        accused: &[],
        against_leadership: false,
        publish: false,
        steps: &[(K::Assign, (9, 16), "")],
    },
    Script {
        kind: MatterKind::Feedback,
        channel: Channel::NationalPortal,
        received: NaiveDate::from_ymd_opt(2025, 9, 20).unwrap(),
        title: "Thời gian trả kết quả chứng thực chậm",
        content: "Nộp hồ sơ chứng thực buổi sáng nhưng hẹn hai ngày sau mới trả.",
        person: ("Lý Văn Phúc", "Thôn Tây", "", "phuc.ly@example.com"),
        village: Some("Thôn Tây"),
        unit: Some(MOTCUA),
        dimension: 5,
        respondent: "",
        portal_code: "PAKN.20250920.0042",
        accused: &[],
        against_leadership: false,
        publish: true,
        steps: &[
            (K::Acknowledge, (9, 22), ""),
            (K::Assign, (9, 22), ""),
            (K::Answer, (9, 29), "Từ 01/10/2025 Bộ phận Một cửa trả kết quả chứng thực trong ngày đối với hồ sơ nộp trước 15 giờ."),
        ],
    },
    Script {
        kind: MatterKind::Feedback,
        channel: Channel::Phone,
        received: NaiveDate::from_ymd_opt(2025, 9, 17).unwrap(),
        title: "Mương thoát nước thôn Nam bị lấp (gọi lại)",
        content: "Bà Hằng gọi điện nhắc lại việc mương thoát nước thôn Nam bị lấp.",
        person: ("Vũ Thị Hằng", "Thôn Nam", "0915 444 555", ""),
        village: Some("Thôn Nam"),
        unit: None,
        dimension: 7,
        respondent: "",
        portal_code: "",
        accused: &[],
        against_leadership: false,
        publish: false,
        steps: &[],
    },
    Script {
        kind: MatterKind::Feedback,
        channel: Channel::Phone,
        received: NaiveDate::from_ymd_opt(2025, 9, 24).unwrap(),
        title: "Điện chập chờn ở thôn Thượng",
        content: "Điện sinh hoạt thôn Thượng mất liên tục vào buổi tối.",
        person: ("Trịnh Văn Lực", "Thôn Thượng", "0968 777 888", ""),
        village: Some("Thôn Thượng"),
        unit: None,
        dimension: 6,
        respondent: "",
        portal_code: "",
        accused: &[],
        against_leadership: false,
        publish: false,
        steps: &[(K::Transfer, (9, 26), "Thuộc thẩm quyền Điện lực; đã chuyển Điện lực khu vực và báo người gửi.")],
    },
    Script {
        kind: MatterKind::Complaint,
        channel: Channel::Letter,
        received: NaiveDate::from_ymd_opt(2025, 8, 4).unwrap(),
        title: "Khiếu nại quyết định xử phạt về trật tự xây dựng",
        content: "Ông khiếu nại Quyết định số 45/QĐ-XPHC vì cho rằng công trình đã có giấy phép sửa chữa.",
        person: ("Hà Văn Sơn", "Thôn Đông", "0983 121 212", "son.ha@example.com"),
        village: Some("Thôn Đông"),
        unit: Some(DIACHINH),
        dimension: 3,
        respondent: "Quyết định số 45/QĐ-XPHC ngày 20/7/2025 của Chủ tịch UBND xã",
        portal_code: "",
        accused: &[],
        against_leadership: false,
        publish: false,
        steps: &[
            (K::Accept, (8, 11), ""),
            (K::Verify, (8, 12), ""),
            (K::Dialogue, (8, 25), "Đối thoại ngày 25/8/2025: người khiếu nại giữ nguyên ý kiến."),
            (K::Decide, (9, 3), "Giữ nguyên Quyết định số 45/QĐ-XPHC: giấy phép chỉ cho sửa chữa, không cho xây thêm tầng."),
            (K::Send, (9, 5), ""),
            (K::TakeEffect, (10, 6), ""),
        ],
    },
    Script {
        kind: MatterKind::Complaint,
        channel: Channel::Reception,
        received: NaiveDate::from_ymd_opt(2025, 10, 9).unwrap(),
        title: "Khiếu nại việc không cấp giấy xác nhận tình trạng nhà ở",
        content: "Bà khiếu nại việc công chức địa chính từ chối cấp giấy xác nhận.",
        person: ("Phan Thị Ngọc", "Thôn Bắc", "0977 343 434", ""),
        village: Some("Thôn Bắc"),
        unit: None,
        dimension: 3,
        respondent: "Hành vi từ chối cấp giấy xác nhận của công chức địa chính",
        portal_code: "",
        accused: &[],
        against_leadership: false,
        publish: false,
        steps: &[],
    },
    Script {
        kind: MatterKind::Complaint,
        channel: Channel::Letter,
        received: NaiveDate::from_ymd_opt(2025, 9, 10).unwrap(),
        title: "Khiếu nại mức hỗ trợ giải phóng mặt bằng đường liên thôn",
        content: "Ông khiếu nại mức hỗ trợ tài sản trên đất khi làm đường liên thôn.",
        person: ("Cao Văn Lâm", "Thôn Trung", "0936 565 656", ""),
        village: Some("Thôn Trung"),
        unit: Some(DIACHINH),
        dimension: 4,
        respondent: "Phương án hỗ trợ số 12/PA-UBND",
        portal_code: "",
        accused: &[],
        against_leadership: false,
        publish: false,
        steps: &[
            (K::Accept, (9, 15), ""),
            (K::Verify, (9, 16), ""),
            (K::Suspend, (9, 25), "Chờ kết quả đo đạc lại của Văn phòng đăng ký đất đai tỉnh."),
        ],
    },
    Script {
        kind: MatterKind::Complaint,
        channel: Channel::Letter,
        received: NaiveDate::from_ymd_opt(2025, 9, 1).unwrap(),
        title: "Khiếu nại việc chia tiền hỗ trợ của hợp tác xã",
        content: "Đề nghị xã giải quyết tranh chấp chia tiền hỗ trợ trong hợp tác xã.",
        person: ("Lê Văn Cường", "Thôn Tây", "", ""),
        village: Some("Thôn Tây"),
        unit: None,
        dimension: 3,
        respondent: "Ban quản trị hợp tác xã",
        portal_code: "",
        accused: &[],
        against_leadership: false,
        publish: false,
        steps: &[(K::Refuse, (9, 8), "Không thuộc thẩm quyền: tranh chấp dân sự trong hợp tác xã (Luật Khiếu nại Điều 11); đã hướng dẫn người gửi đến Tòa án.")],
    },
    Script {
        kind: MatterKind::Complaint,
        channel: Channel::Letter,
        received: NaiveDate::from_ymd_opt(2025, 7, 14).unwrap(),
        title: "Khiếu nại quyết định thu hồi giấy chứng nhận hộ kinh doanh",
        content: "Bà khiếu nại quyết định thu hồi giấy chứng nhận đăng ký hộ kinh doanh.",
        person: ("Đinh Thị Mai", "Thôn Thượng", "0945 676 767", ""),
        village: Some("Thôn Thượng"),
        unit: Some(MOTCUA),
        dimension: 3,
        respondent: "Quyết định số 30/QĐ-UBND ngày 01/7/2025",
        portal_code: "",
        accused: &[],
        against_leadership: false,
        publish: false,
        steps: &[
            (K::Accept, (7, 21), ""),
            (K::Verify, (7, 22), ""),
            (K::Decide, (8, 18), "Giữ nguyên quyết định thu hồi."),
            (K::Send, (8, 20), ""),
            (K::Appeal, (9, 10), "Người khiếu nại gửi khiếu nại lần hai."),
        ],
    },
    Script {
        kind: MatterKind::Complaint,
        channel: Channel::Letter,
        received: NaiveDate::from_ymd_opt(2025, 8, 20).unwrap(),
        title: "Khiếu nại việc niêm yết danh sách hộ cận nghèo",
        content: "Ông khiếu nại việc không có tên trong danh sách hộ cận nghèo.",
        person: ("Tạ Văn Quang", "Thôn Nam", "", ""),
        village: Some("Thôn Nam"),
        unit: Some(VANHOA),
        dimension: 2,
        respondent: "Danh sách hộ cận nghèo năm 2025",
        portal_code: "",
        accused: &[],
        against_leadership: false,
        publish: false,
        steps: &[(K::Accept, (8, 27), ""), (K::Withdraw, (9, 5), "Người khiếu nại rút đơn bằng văn bản sau khi được giải thích.")],
    },
    Script {
        kind: MatterKind::Denunciation,
        channel: Channel::Letter,
        received: NaiveDate::from_ymd_opt(2025, 9, 8).unwrap(),
        title: "Tố cáo việc thu tiền ngoài quy định khi cấp giấy xác nhận",
        content: "Tôi là Nguyễn Văn Bình, thôn Đông, tố cáo công chức địa chính thu 500.000 đồng mỗi giấy xác nhận ngoài lệ phí.",
        person: ("Nguyễn Văn Bình", "Thôn Đông", "0901 999 000", ""),
        village: None,
        unit: Some(VANHOA),
        dimension: 4,
        respondent: "Công chức Địa chính - Xây dựng - Nông nghiệp và Môi trường",
        portal_code: "",
        accused: &["truongban"],
        against_leadership: false,
        publish: false,
        steps: &[
            (K::Accept, (9, 16), ""),
            (K::Notify, (9, 18), ""),
            (K::Verify, (9, 19), ""),
            (K::Extend, (10, 14), "Vụ việc phức tạp: phải xác minh tại nhiều hộ dân và đối chiếu sổ thu lệ phí (Luật Tố cáo Điều 30 khoản 2)."),
        ],
    },
    Script {
        kind: MatterKind::Denunciation,
        channel: Channel::Reception,
        received: NaiveDate::from_ymd_opt(2025, 9, 22).unwrap(),
        title: "Tố cáo cán bộ nhận quà khi giải quyết hồ sơ chứng thực",
        content: "Người tố cáo trình bày trực tiếp việc cán bộ một cửa nhận quà.",
        person: ("Trương Thị Lệ", "Thôn Tây", "0922 111 222", ""),
        village: None,
        unit: Some(VANHOA),
        dimension: 4,
        respondent: "Cán bộ Bộ phận Một cửa",
        portal_code: "",
        accused: &[],
        against_leadership: false,
        publish: false,
        steps: &[
            (K::Accept, (9, 29), ""),
            (K::Notify, (9, 30), ""),
            (K::Verify, (9, 30), ""),
            (K::Conclude, (10, 10), "Nội dung tố cáo đúng một phần; đã kiểm điểm, rút kinh nghiệm cán bộ liên quan."),
            (K::SendConclusion, (10, 13), ""),
        ],
    },
    Script {
        kind: MatterKind::Denunciation,
        channel: Channel::Letter,
        received: NaiveDate::from_ymd_opt(2025, 9, 25).unwrap(),
        title: "Tố cáo việc lấn chiếm đất công ở thôn Bắc",
        content: "Người tố cáo cho rằng một hộ dân lấn chiếm đất công cạnh mương.",
        person: ("Mai Văn Tùng", "Thôn Bắc", "0933 000 444", ""),
        village: None,
        unit: None,
        dimension: 4,
        respondent: "Hộ gia đình ở thôn Bắc",
        portal_code: "",
        accused: &[],
        against_leadership: false,
        publish: false,
        steps: &[],
    },
    Script {
        kind: MatterKind::Denunciation,
        channel: Channel::Letter,
        received: NaiveDate::from_ymd_opt(2025, 10, 3).unwrap(),
        title: "Tố cáo Phó Chủ tịch UBND xã trong việc giao đất",
        content: "Đơn tố cáo Phó Chủ tịch UBND xã có sai phạm khi giao đất dịch vụ.",
        person: ("Phí Văn Đạt", "Thôn Trung", "0944 555 666", ""),
        village: None,
        unit: None,
        dimension: 4,
        respondent: "Phó Chủ tịch UBND xã",
        portal_code: "",
        accused: &[],
        against_leadership: true,
        publish: false,
        steps: &[(K::Transfer, (10, 9), "Tố cáo Phó Chủ tịch UBND xã: đã chuyển Chủ tịch UBND tỉnh xem xét theo thẩm quyền.")],
    },
];

/// Enters the demo's matters as the office (vanphong) would, and the steps as they were taken.
pub async fn seed(store: &Store, commune_id: i64, today: NaiveDate) -> anyhow::Result<usize> {
    let app = App::new(store.clone(), Some(today));
    let users = papi_store::org::users(store, commune_id).await?;
    let units = papi_store::org::units(store, commune_id).await?;
    let villages = papi_store::org::villages(store, commune_id).await?;
    let office = users
        .iter()
        .find(|u| u.role == Role::Office)
        .context("demo has an office account")?;
    let actor = Actor {
        user_id: office.id,
        commune_id,
        role: Role::Office,
        unit_id: office.unit_id,
    };
    let mut first_feedback_of_hang = None;
    for s in SCRIPTS {
        let received = s.received;
        if received > today {
            continue;
        }
        let unit_id = s
            .unit
            .and_then(|n| units.iter().find(|u| u.name == n))
            .map(|u| u.id);
        let intake = Intake {
            form: IntakeForm {
                kind: Some(s.kind),
                channel: Some(s.channel),
                received_on: Some(received),
                title: s.title.into(),
                content: s.content.into(),
                requester: Requester {
                    name: s.person.0.into(),
                    address: s.person.1.into(),
                    phone: s.person.2.into(),
                    email: s.person.3.into(),
                    id_number: String::new(),
                },
                village_id: s
                    .village
                    .and_then(|v| villages.iter().find(|x| x.name == v))
                    .map(|v| v.id),
                portal_code: s.portal_code.into(),
                respondent: s.respondent.into(),
                publish_consent: s.publish,
                ..Default::default()
            },
            dimension: Dimension::new(s.dimension),
            unit_id: if s.kind == MatterKind::Feedback {
                None
            } else {
                unit_id
            },
            accused_user_ids: s
                .accused
                .iter()
                .filter_map(|name| users.iter().find(|u| u.username == *name))
                .map(|u| u.id)
                .collect(),
            against_leadership: s.against_leadership,
            ..Default::default()
        };
        let receipt = papi_app::voice::receive(&app, &actor, &office.username, intake)
            .await
            .with_context(|| format!("vụ việc mẫu «{}»", s.title))?;
        if s.person.0 == "Vũ Thị Hằng" {
            match first_feedback_of_hang {
                None => first_feedback_of_hang = Some(receipt.id),
                Some(original) => {
                    let input = StepInput {
                        kind: Some(K::MarkDuplicate),
                        on: Some(received),
                        duplicate_of: Some(original),
                        ..Default::default()
                    };
                    papi_app::voice::step(&app, &actor, &office.username, receipt.id, input)
                        .await?;
                }
            }
        }
        for (kind, (m, day), text) in s.steps {
            let on = d(2025, *m, *day);
            if on > today {
                break;
            }
            let input = StepInput {
                kind: Some(*kind),
                on: Some(on),
                text: (*text).into(),
                unit_id: matches!(kind, K::Assign | K::Verify)
                    .then_some(unit_id)
                    .flatten(),
                complex: *kind == K::Extend,
                flags_reason: if *kind == K::Extend {
                    (*text).into()
                } else {
                    String::new()
                },
                ..Default::default()
            };
            papi_app::voice::step(&app, &actor, &office.username, receipt.id, input)
                .await
                .with_context(|| format!("bước «{}» của «{}»", kind.label(), s.title))?;
        }
        if s.publish && s.steps.iter().any(|(k, _, _)| *k == K::Close) {
            papi_app::voice::rate(&app, &receipt.code, 5).await?;
        }
    }
    reception(&app, &actor, &office.username, today).await?;
    Ok(SCRIPTS.len())
}

/// The chairman's Thursday receptions from September 2025: posted five working days ahead,
/// except one posted late; one week missed; one postponed without the new date announced;
/// and the people received on 09/10/2025 in the register.
async fn reception(app: &App, actor: &Actor, by: &str, today: NaiveDate) -> anyhow::Result<()> {
    use papi_app::voice::reception::{
        add_entry, add_session, update_session, EntryInput, SessionUpdate,
    };
    let host = "Trần Văn Minh, Chủ tịch UBND xã";
    let cal = app.calendar();
    let mut day = d(2025, 9, 4);
    while day <= today + chrono::Duration::days(14) {
        let skipped = day == d(2025, 9, 25);
        let late = day == d(2025, 10, 2);
        let posted = if late {
            day - chrono::Duration::days(2)
        } else {
            cal.add_working_days(day, -5)
        };
        if !skipped {
            let posted = if posted <= today {
                format_day(posted)
            } else {
                String::new()
            };
            let id = add_session(app, actor, by, &format_day(day), host, false, &posted).await?;
            if day == d(2025, 9, 18) {
                update_session(
                    app,
                    actor,
                    by,
                    id,
                    SessionUpdate::Postponed {
                        to: format_day(d(2025, 9, 19)),
                        announced_on: String::new(),
                    },
                )
                .await?;
            } else if day <= today {
                update_session(
                    app,
                    actor,
                    by,
                    id,
                    SessionUpdate::Held {
                        recording: String::new(),
                    },
                )
                .await?;
            }
        }
        day += chrono::Duration::days(7);
    }
    for (name, address, content, requests, kind, respondent) in [
        (
            "Hoàng Văn Tiến",
            "Thôn Thượng",
            "Hồ sơ đăng ký biến động đất đai bị trả lại không nêu lý do.",
            "Đề nghị giải thích lý do trả hồ sơ.",
            "complaint",
            "Việc trả hồ sơ của Bộ phận Một cửa",
        ),
        (
            "Bùi Văn Thắng",
            "Thôn Đông",
            "Đường vào khu sản xuất thôn Đông lầy lội sau mưa.",
            "Đề nghị xã đổ đá cấp phối.",
            "feedback",
            "",
        ),
    ] {
        add_entry(
            app,
            actor,
            by,
            EntryInput {
                received_on: format_day(d(2025, 10, 9)),
                name: name.into(),
                address: address.into(),
                id_number: String::new(),
                content: content.into(),
                prior_handling: String::new(),
                requests: requests.into(),
                handling: String::new(),
                kind: kind.into(),
                respondent: respondent.into(),
            },
        )
        .await
        .with_context(|| format!("lượt tiếp công dân mẫu của {name}"))?;
    }
    Ok(())
}

fn format_day(d: NaiveDate) -> String {
    papi_core::clock::format_date(d)
}
