//! The residents'-voice documents: each one's text against a golden, the Decree-30 frame read
//! back from the DOCX, a LibreOffice round trip, the denouncer's identity kept out of every
//! document the denounced person, the public or another body reads, and the register's
//! columns against Luật Tiếp công dân Điều 25 khoản 2.

use chrono::NaiveDate;
use papi_docs::decree30::{write_docx, Document, Signature, MOTTO, NATIONAL_TITLE};
use papi_docs::voice::*;

#[path = "support/docx_text.rs"]
mod docx_text;
use docx_text::{golden, part, texts, via_libreoffice};

// ---------------------------------------------------------------- fixtures

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn head(deputy: bool) -> VoiceLetterhead {
    VoiceLetterhead {
        issuer_parent: "UBND TỈNH HƯNG YÊN".into(),
        issuer: "ỦY BAN NHÂN DÂN XÃ LƯƠNG TÀI".into(),
        issuer_short: "UBND xã Lương Tài".into(),
        place: "Lương Tài".into(),
        recipients: vec!["Lưu: VT, VP".into()],
        signature: Signature {
            authority: "TM. ỦY BAN NHÂN DÂN".into(),
            position: "CHỦ TỊCH".into(),
            deputy,
            signer_name: if deputy {
                "Lê Thị Hoa".into()
            } else {
                "Nguyễn Trọng Chung".into()
            },
        },
    }
}

fn lan() -> PersonOnPaper {
    PersonOnPaper {
        name: "bà Phạm Thị Lan".into(),
        address: "thôn Đông Hạ, xã Lương Tài, tỉnh Hưng Yên".into(),
        id_number: "033186001234".into(),
    }
}

/// The denouncer the caller keeps in its sealed record. Only the documents addressed to
/// them may carry it.
fn denouncer() -> PersonOnPaper {
    PersonOnPaper {
        name: "Nguyễn Văn Mật".into(),
        address: "Thôn Kín, xã Lương Tài, tỉnh Hưng Yên".into(),
        id_number: "033080009999".into(),
    }
}

fn tcd_reply() -> RuleDate {
    RuleDate {
        date: d(2026, 7, 28),
        rule_id: "TCD-REPLY".into(),
        source: "khoản 1 Điều 28 Luật Tiếp công dân".into(),
        status: "OK".into(),
    }
}

fn complaint() -> MatterOnPaper {
    MatterOnPaper {
        code: "KN.20260714.0002".into(),
        kind: MatterKind::ComplaintFirst,
        received_on: d(2026, 7, 14),
        channel_label: "trực tiếp tại nơi tiếp công dân".into(),
        summary: "Khiếu nại việc UBND xã không cấp giấy xác nhận tình trạng sử dụng đất cho thửa \
                  đất số 215, tờ bản đồ số 12"
            .into(),
    }
}

fn denunciation() -> MatterOnPaper {
    MatterOnPaper {
        code: "TC.20260715.0001".into(),
        kind: MatterKind::Denunciation,
        received_on: d(2026, 7, 15),
        channel_label: "qua dịch vụ bưu chính".into(),
        summary: "Tố cáo công chức Địa chính - Xây dựng xã nhận tiền để xác nhận hồ sơ đất đai \
                  không đúng quy định"
            .into(),
    }
}

fn acceptance() -> DocRef {
    DocRef {
        number: "12/QĐ-UBND".into(),
        date: d(2026, 7, 22),
    }
}

fn resolve_tc() -> RuleDate {
    RuleDate {
        date: d(2026, 8, 21),
        rule_id: "TC-GQ".into(),
        source: "khoản 1 Điều 30 Luật Tố cáo".into(),
        status: "OK".into(),
    }
}

fn receipt_data() -> ReceiptData {
    ReceiptData {
        head: head(false),
        number: "05/GBN-UBND".into(),
        date: d(2026, 7, 14),
        person: lan(),
        matter: complaint(),
        items: vec![
            "Đơn khiếu nại đề ngày 10/07/2026 (02 trang)".into(),
            "Bản sao Giấy chứng nhận quyền sử dụng đất số BĐ 123456".into(),
        ],
        reply_by: tcd_reply(),
        contact: ContactOnPaper {
            name: "Đỗ Văn Thành".into(),
            position: "công chức Văn phòng - Thống kê".into(),
            phone: "0221 3868 123".into(),
        },
    }
}

fn complaint_notice() -> ComplaintNoticeData {
    ComplaintNoticeData {
        head: head(false),
        number: "18/TB-UBND".into(),
        date: d(2026, 7, 21),
        complainant: lan(),
        matter: complaint(),
        complained_of: "hành vi không cấp giấy xác nhận tình trạng sử dụng đất của công chức \
                        Địa chính - Xây dựng xã"
            .into(),
        referrer: None,
        resolve_by: Some(RuleDate {
            date: d(2026, 8, 20),
            rule_id: "KN-GQ-1".into(),
            source: "Điều 28 Luật Khiếu nại".into(),
            status: "OK".into(),
        }),
    }
}

fn refusal() -> RefusalData {
    let mut n = complaint_notice();
    n.number = "19/TB-UBND".into();
    n.resolve_by = None;
    RefusalData {
        notice: n,
        grounds: vec![RefusalGround::TimeBarred],
        explanation: "Hành vi bị khiếu nại xảy ra ngày 02/03/2026; đơn gửi ngày 14/07/2026, sau \
                      90 ngày, không nêu lý do chính đáng"
            .into(),
    }
}

fn denunciation_notice() -> DenunciationNoticeData {
    DenunciationNoticeData {
        head: head(false),
        number: "20/TB-UBND".into(),
        date: d(2026, 7, 24),
        denouncer: denouncer(),
        matter: denunciation(),
        acceptance: acceptance(),
        denounced: "ông Trần Văn Hùng, công chức Địa chính - Xây dựng xã".into(),
        contents: contents(),
        resolve_by: resolve_tc(),
    }
}

fn contents() -> Vec<String> {
    vec![
        "Nhận 5.000.000 đồng của hộ ông Vũ Văn Tú để xác nhận hồ sơ đất đai".into(),
        "Xác nhận nguồn gốc đất không đúng hiện trạng sử dụng".into(),
    ]
}

fn hung() -> PersonOnPaper {
    PersonOnPaper {
        name: "ông Trần Văn Hùng".into(),
        address: "thôn Tây, xã Lương Tài".into(),
        id_number: String::new(),
    }
}

fn denounced_notice() -> DenouncedNoticeData {
    DenouncedNoticeData {
        head: head(false),
        number: "21/TB-UBND".into(),
        date: d(2026, 7, 24),
        denounced: hung(),
        position: "công chức Địa chính - Xây dựng xã".into(),
        acceptance: acceptance(),
        contents: contents(),
        resolve_by: resolve_tc(),
    }
}

fn transfer(kind: MatterKind) -> TransferData {
    let (matter, to, reason) = if kind == MatterKind::Denunciation {
        (
            MatterOnPaper {
                summary: "Tố cáo Phó Chủ tịch UBND xã chỉ đạo xác nhận hồ sơ đất đai sai quy định"
                    .into(),
                ..denunciation()
            },
            "Chủ tịch Ủy ban nhân dân tỉnh Hưng Yên",
            "người bị tố cáo là Phó Chủ tịch UBND xã, thuộc thẩm quyền giải quyết của Chủ tịch \
             UBND tỉnh theo điểm a khoản 4 Điều 13 Luật Tố cáo",
        )
    } else {
        (
            MatterOnPaper {
                kind,
                ..complaint()
            },
            "Sở Nông nghiệp và Môi trường tỉnh Hưng Yên",
            "nội dung thuộc thẩm quyền của Sở",
        )
    };
    TransferData {
        head: head(false),
        number: "07/PC-UBND".into(),
        date: d(2026, 7, 20),
        matter,
        to_body: to.into(),
        reason: reason.into(),
        // The caller passes the sender either way; for a denunciation it must be dropped.
        sender: Some(denouncer()),
        enclosures: vec!["Đơn đề ngày 13/07/2026 (03 trang, đã che thông tin cá nhân)".into()],
    }
}

fn case_decision() -> CaseDecisionData {
    CaseDecisionData {
        head: head(false),
        number: "25/QĐ-UBND".into(),
        date: d(2026, 8, 18),
        matter: denunciation(),
        case_label: "tố cáo đối với ông Trần Văn Hùng, công chức Địa chính - Xây dựng xã".into(),
        acceptance: acceptance(),
        reasons: vec![
            "Vụ việc phức tạp, phải xác minh tại hai địa điểm".into(),
            "Cần trưng cầu giám định chữ ký trên hồ sơ".into(),
        ],
        executors: vec![
            "Văn phòng HĐND và UBND xã".into(),
            "Tổ xác minh".into(),
            "ông Trần Văn Hùng".into(),
        ],
        suspension: None,
        new_due: None,
    }
}

fn extension() -> ExtensionData {
    ExtensionData {
        case: case_decision(),
        round: ExtensionRound::First,
        days: 30,
        old_due: resolve_tc(),
        new_due: RuleDate {
            date: d(2026, 9, 20),
            rule_id: "TC-GH".into(),
            source: "khoản 2 Điều 30 Luật Tố cáo".into(),
            status: "OK".into(),
        },
    }
}

fn suspension() -> CaseDecisionData {
    CaseDecisionData {
        number: "26/QĐ-UBND".into(),
        matter: complaint(),
        case_label: "khiếu nại của bà Phạm Thị Lan".into(),
        reasons: vec![
            "Chờ kết quả giải quyết của Tòa án nhân dân khu vực về tranh chấp ranh giới \
                       thửa đất liên quan"
                .into(),
        ],
        executors: vec!["Văn phòng HĐND và UBND xã".into(), "bà Phạm Thị Lan".into()],
        ..case_decision()
    }
}

fn resumption() -> CaseDecisionData {
    CaseDecisionData {
        number: "31/QĐ-UBND".into(),
        date: d(2026, 10, 5),
        reasons: vec!["Tòa án đã có bản án về tranh chấp ranh giới thửa đất".into()],
        suspension: Some(DocRef {
            number: "26/QĐ-UBND".into(),
            date: d(2026, 8, 18),
        }),
        new_due: Some(RuleDate {
            date: d(2026, 11, 4),
            rule_id: "KN-GQ-1".into(),
            source: "Điều 28 Luật Khiếu nại".into(),
            status: "OK".into(),
        }),
        ..suspension()
    }
}

fn termination() -> CaseDecisionData {
    CaseDecisionData {
        number: "32/QĐ-UBND".into(),
        date: d(2026, 10, 9),
        reasons: vec!["Người khiếu nại rút toàn bộ khiếu nại bằng văn bản ngày 07/10/2026".into()],
        ..suspension()
    }
}

fn decision_first() -> ComplaintDecisionData {
    ComplaintDecisionData {
        head: head(false),
        number: "35/QĐ-UBND".into(),
        date: d(2026, 8, 19),
        matter: complaint(),
        complainant: lan(),
        complained_of: PersonOnPaper {
            name: "ông Trần Văn Hùng, công chức Địa chính - Xây dựng xã".into(),
            address: "UBND xã Lương Tài, tỉnh Hưng Yên".into(),
            id_number: String::new(),
        },
        complained_decision: "Hành vi không cấp giấy xác nhận tình trạng sử dụng đất đối với \
                              thửa đất số 215, tờ bản đồ số 12"
            .into(),
        contents: vec![
            "Đề nghị cấp giấy xác nhận tình trạng sử dụng đất".into(),
            "Đề nghị xem xét trách nhiệm của công chức địa chính".into(),
        ],
        verification: vec![
            "Hồ sơ địa chính thể hiện thửa đất số 215 do hộ bà Phạm Thị Lan sử dụng ổn định từ \
             năm 1995, không có tranh chấp"
                .into(),
            "Công chức địa chính chưa trả lời bằng văn bản trong thời hạn quy định".into(),
        ],
        dialogue: vec![
            "Các bên thống nhất kết quả xác minh; bà Lan giữ nguyên yêu cầu cấp giấy xác nhận"
                .into(),
        ],
        legal_bases: vec!["Luật Đất đai ngày 18 tháng 01 năm 2024".into()],
        findings: vec![
            ContentFinding {
                content: "Đề nghị cấp giấy xác nhận tình trạng sử dụng đất".into(),
                finding: Finding::Right,
                reason: "Hồ sơ đủ điều kiện xác nhận".into(),
            },
            ContentFinding {
                content: "Đề nghị xem xét trách nhiệm của công chức địa chính".into(),
                finding: Finding::PartlyRight,
                reason: "Có chậm trả lời nhưng không có động cơ vụ lợi".into(),
            },
        ],
        outcome: DecisionOutcome::EndAct,
        outcome_detail: "giao công chức Địa chính - Xây dựng xã cấp giấy xác nhận cho bà Phạm \
                         Thị Lan trong 05 ngày làm việc"
            .into(),
        compensation: None,
        first_decision: None,
        second_instance: String::new(),
        executors: vec![
            "Văn phòng HĐND và UBND xã".into(),
            "ông Trần Văn Hùng".into(),
            "bà Phạm Thị Lan".into(),
        ],
    }
}

fn decision_second() -> ComplaintDecisionData {
    let mut x = decision_first();
    x.head.issuer_parent = String::new();
    x.head.issuer = "ỦY BAN NHÂN DÂN\nTỈNH HƯNG YÊN".into();
    x.head.issuer_short = "UBND tỉnh Hưng Yên".into();
    x.head.place = "Hưng Yên".into();
    x.number = "120/QĐ-UBND".into();
    x.date = d(2026, 10, 20);
    x.matter.kind = MatterKind::ComplaintSecond;
    x.complained_of = PersonOnPaper {
        name: "Chủ tịch UBND xã Lương Tài".into(),
        address: "xã Lương Tài, tỉnh Hưng Yên".into(),
        id_number: String::new(),
    };
    x.complained_decision =
        "Quyết định số 35/QĐ-UBND ngày 19/08/2026 giải quyết khiếu nại lần đầu".into();
    x.first_decision = Some(FirstDecisionOnPaper {
        reference: DocRef {
            number: "35/QĐ-UBND".into(),
            date: d(2026, 8, 19),
        },
        by: "Chủ tịch UBND xã Lương Tài".into(),
        summary: "Yêu cầu cấp giấy xác nhận; không xử lý trách nhiệm công chức".into(),
        finding: Finding::PartlyRight,
    });
    x
}

fn conclusion() -> ConclusionData {
    ConclusionData {
        head: head(false),
        number: "03/KL-UBND".into(),
        date: d(2026, 8, 20),
        acceptance: acceptance(),
        denounced_name: "ông Trần Văn Hùng".into(),
        denounced_position: "công chức Địa chính - Xây dựng xã".into(),
        verified_by: "Tổ xác minh theo Quyết định số 13/QĐ-UBND ngày 23/07/2026".into(),
        verification: vec![
            "Hộ ông Vũ Văn Tú xác nhận đã đưa 5.000.000 đồng; ông Hùng thừa nhận đã nhận và trả \
             lại ngày 30/07/2026"
                .into(),
            "Hồ sơ xác nhận nguồn gốc đất phù hợp với bản đồ địa chính năm 1995".into(),
        ],
        legal_bases: vec!["Luật Cán bộ, công chức ngày 24 tháng 6 năm 2025".into()],
        findings: vec![
            ContentFinding {
                content: contents()[0].clone(),
                finding: Finding::Right,
                reason: "Có chứng cứ và lời thừa nhận".into(),
            },
            ContentFinding {
                content: contents()[1].clone(),
                finding: Finding::Wrong,
                reason: "Xác nhận phù hợp hồ sơ địa chính".into(),
            },
        ],
        violations: vec!["Ông Trần Văn Hùng nhận tiền của người dân khi thực hiện nhiệm vụ".into()],
        responsibility: vec!["Trách nhiệm cá nhân thuộc về ông Trần Văn Hùng".into()],
        measures: vec![
            "Tiến hành xem xét kỷ luật ông Trần Văn Hùng theo quy định".into(),
            "Công khai kết luận theo Điều 40 Luật Tố cáo".into(),
        ],
    }
}

fn dialogue() -> DialogueData {
    DialogueData {
        head: head(false),
        number: "04/BB-UBND".into(),
        date: d(2026, 8, 12),
        starts_at: "08 giờ 30 phút".into(),
        ends_at: "10 giờ 15 phút".into(),
        place: "Hội trường UBND xã Lương Tài".into(),
        chair_name: "Nguyễn Trọng Chung".into(),
        chair_position: "Chủ tịch UBND xã".into(),
        secretary: "Đỗ Văn Thành, công chức Văn phòng - Thống kê".into(),
        participants: vec![
            Participant {
                name: "bà Phạm Thị Lan".into(),
                role: "Người khiếu nại".into(),
                attendance: Attendance::AbsentUnexcused,
            },
            Participant {
                name: "ông Trần Văn Hùng".into(),
                role: "Người bị khiếu nại".into(),
                attendance: Attendance::Present,
            },
            Participant {
                name: "ông Ngô Văn Bình".into(),
                role: "Đại diện Ủy ban MTTQ Việt Nam xã".into(),
                attendance: Attendance::AbsentExcused("đi công tác theo kế hoạch".into()),
            },
        ],
        case_label: "khiếu nại của bà Phạm Thị Lan".into(),
        content: vec!["Công bố nội dung khiếu nại và kết quả xác minh".into()],
        opinions: vec![SideOpinion {
            side: "Ý kiến của người bị khiếu nại".into(),
            opinions: vec!["Thừa nhận chậm trả lời, đề nghị được cấp giấy xác nhận ngay".into()],
        }],
        result: vec!["Người bị khiếu nại cam kết cấp giấy xác nhận trong 05 ngày làm việc".into()],
        copies: 3,
        unexcused_absence_continues: true,
    }
}

fn reception() -> ReceptionNoticeData {
    ReceptionNoticeData {
        head: head(true),
        number: "22/TB-UBND".into(),
        date: d(2026, 7, 24),
        person: lan(),
        matter: MatterOnPaper {
            kind: MatterKind::Feedback,
            code: "PAKN.20260714.0003".into(),
            summary: "Phản ánh đèn chiếu sáng trên đường trục thôn Đông Hạ hỏng đã hai tháng"
                .into(),
            ..complaint()
        },
        session_on: Some(d(2026, 7, 15)),
        presided_by: "ông Nguyễn Trọng Chung, Chủ tịch UBND xã".into(),
        directions: vec![
            "Giao Phòng Kinh tế kiểm tra, thay thế đèn hỏng trước ngày 31/07/2026".into(),
        ],
        outcome: ReceptionOutcome::Accepted {
            handler: "Phòng Kinh tế xã".into(),
            resolve_by: RuleDate {
                date: d(2026, 7, 31),
                rule_id: "PAKN-GQ".into(),
                source: "Quy chế tiếp nhận phản ánh, kiến nghị của tỉnh Hưng Yên".into(),
                status: "UNCONF".into(),
            },
        },
    }
}

fn register() -> RegisterData {
    RegisterData {
        head: head(false),
        number: "01/2026".into(),
        date: d(2026, 7, 31),
        commune: "xã Lương Tài".into(),
        from: d(2026, 7, 1),
        to: d(2026, 7, 31),
        rows: vec![
            RegisterRow {
                received_on: d(2026, 7, 14),
                name: "Phạm Thị Lan".into(),
                address: "thôn Đông Hạ".into(),
                id_number: "033186001234".into(),
                content: "Khiếu nại việc không cấp giấy xác nhận tình trạng sử dụng đất".into(),
                prior_handling: "Chưa".into(),
                requests: "Cấp giấy xác nhận".into(),
                handling: "Nhận đơn; thụ lý theo Thông báo số 18/TB-UBND".into(),
            },
            RegisterRow {
                received_on: d(2026, 7, 15),
                name: "Vũ Văn Tú".into(),
                address: "thôn Tây".into(),
                id_number: "033075004321".into(),
                content: "Phản ánh đèn chiếu sáng đường trục thôn hỏng".into(),
                prior_handling: String::new(),
                requests: "Sửa đèn".into(),
                handling: "Giao Phòng Kinh tế xã".into(),
            },
        ],
    }
}

/// Every document, with its golden's name, its title and a line of its body.
fn all() -> Vec<(&'static str, Document, &'static str)> {
    vec![
        ("receipt", receipt(&receipt_data()), "GIẤY BIÊN NHẬN"),
        (
            "acceptance_notice",
            acceptance_notice(&complaint_notice()),
            "THÔNG BÁO",
        ),
        ("refusal_notice", refusal_notice(&refusal()), "THÔNG BÁO"),
        (
            "denunciation_acceptance_notice",
            denunciation_acceptance_notice(&denunciation_notice()),
            "THÔNG BÁO",
        ),
        (
            "denounced_person_notice",
            denounced_person_notice(&denounced_notice()),
            "THÔNG BÁO",
        ),
        (
            "transfer_letter",
            transfer_letter(&transfer(MatterKind::Denunciation)),
            "PHIẾU CHUYỂN ĐƠN",
        ),
        (
            "extension_decision",
            extension_decision(&extension()),
            "QUYẾT ĐỊNH",
        ),
        (
            "suspension_decision",
            suspension_decision(&suspension()),
            "QUYẾT ĐỊNH",
        ),
        (
            "resumption_decision",
            resumption_decision(&resumption()),
            "QUYẾT ĐỊNH",
        ),
        (
            "termination_decision",
            termination_decision(&termination()),
            "QUYẾT ĐỊNH",
        ),
        (
            "complaint_decision_first",
            complaint_decision_first(&decision_first()),
            "QUYẾT ĐỊNH",
        ),
        (
            "complaint_decision_second",
            complaint_decision_second(&decision_second()),
            "QUYẾT ĐỊNH",
        ),
        (
            "denunciation_conclusion",
            denunciation_conclusion(&conclusion()),
            "KẾT LUẬN",
        ),
        (
            "denunciation_conclusion_published",
            denunciation_conclusion_published(&conclusion()),
            "KẾT LUẬN",
        ),
        (
            "dialogue_minutes",
            dialogue_minutes(&dialogue()),
            "BIÊN BẢN",
        ),
        (
            "reception_notice",
            reception_notice(&reception()),
            "THÔNG BÁO",
        ),
        (
            "reception_register",
            reception_register(&register()),
            "SỔ TIẾP CÔNG DÂN",
        ),
    ]
}

// ---------------------------------------------------------------- goldens and frame

#[test]
fn goldens() {
    for (name, doc, _) in all() {
        golden(&format!("voice_{name}"), &write_docx(&doc).unwrap());
    }
}

#[test]
fn every_document_opens_with_the_decree_30_frame() {
    for (name, doc, title) in all() {
        let docx = write_docx(&doc).unwrap();
        let t = texts(&docx);
        let pos = |needle: &str| {
            t.iter()
                .position(|p| p == needle)
                .unwrap_or_else(|| panic!("{name}: {needle:?} missing in {t:#?}"))
        };
        let order = [
            pos("ỦY BAN NHÂN DÂN"),
            pos(NATIONAL_TITLE),
            pos(MOTTO),
            pos(&format!("Số: {}", doc.number)),
            pos(&papi_docs::decree30::date_line(&doc.place, doc.date)),
            pos(title),
            pos("Nơi nhận:"),
            pos(&doc.signature.signer_name),
        ];
        assert!(
            order.windows(2).all(|w| w[0] < w[1]),
            "{name}: order {order:?}"
        );
    }
}

#[test]
fn the_law_s_contents_are_in_the_texts() {
    let text = |doc: &Document| texts(&write_docx(doc).unwrap()).join("\n");
    let receipt = text(&receipt(&receipt_data()));
    assert!(receipt.contains("KN.20260714.0002"), "{receipt}");
    assert!(receipt.contains("28/07/2026 (theo khoản 1 Điều 28 Luật Tiếp công dân)"));
    // Luật Khiếu nại Đ.11 k.6, word for word.
    let refusal = text(&refusal_notice(&refusal()));
    assert!(refusal.contains(
        "Khoản 6 Điều 11 Luật Khiếu nại: Thời hiệu, thời hạn khiếu nại đã hết mà không có lý do \
         chính đáng."
    ));
    // Đ.31 k.2: each part of a first-time decision; the chairman decides in their own name.
    let first = text(&complaint_decision_first(&decision_first()));
    for needle in [
        "I. NỘI DUNG KHIẾU NẠI",
        "Người bị khiếu nại: ông Trần Văn Hùng",
        "KẾT QUẢ XÁC MINH NỘI DUNG KHIẾU NẠI",
        "KẾT QUẢ ĐỐI THOẠI",
        "KẾT LUẬN",
        "khiếu nại đúng một phần",
        "Yêu cầu chấm dứt hành vi hành chính bị khiếu nại",
        "Về bồi thường thiệt hại",
        "khiếu nại lần hai đến Chủ tịch Ủy ban nhân dân tỉnh hoặc khởi kiện vụ án hành chính",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ LƯƠNG TÀI",
    ] {
        assert!(first.contains(needle), "{needle:?} missing in {first}");
    }
    assert!(!first.contains("TM. ỦY BAN NHÂN DÂN"));
    // Đ.40: the conclusion on the first-time decision; only the right to sue.
    let second = text(&complaint_decision_second(&decision_second()));
    assert!(second.contains("KẾT QUẢ GIẢI QUYẾT KHIẾU NẠI LẦN ĐẦU"));
    assert!(second
        .contains("35/QĐ-UBND ngày 19/08/2026 của Chủ tịch UBND xã Lương Tài là đúng một phần"));
    assert!(!second.contains("khiếu nại lần hai đến"));
    // Đ.30 k.6 (from 01/07/2026) and the attendance labels.
    let minutes = text(&dialogue_minutes(&dialogue()));
    for needle in [
        "Người khiếu nại: bà Phạm Thị Lan (vắng mặt không có lý do).",
        "(vắng mặt có lý do: đi công tác theo kế hoạch)",
        "Người bị khiếu nại: ông Trần Văn Hùng (có mặt).",
        "việc giải quyết khiếu nại vẫn được tiếp tục",
        "lập thành 03 bản",
    ] {
        assert!(minutes.contains(needle), "{needle:?} missing in {minutes}");
    }
    let ext = text(&extension_decision(&extension()));
    assert!(ext.contains("khoản 2 và khoản 4 Điều 30 Luật Tố cáo"));
    assert!(
        ext.contains("30 ngày, từ ngày 22/08/2026 đến hết ngày 20/09/2026"),
        "{ext}"
    );
    let resume = text(&resumption_decision(&resumption()));
    assert!(resume.contains("được tính tiếp kể từ ngày ban hành Quyết định này"));
}

// ---------------------------------------------------------------- identity

#[test]
fn the_denouncer_is_in_no_document_the_denounced_person_or_others_read() {
    let docs = [
        ("conclusion", denunciation_conclusion(&conclusion())),
        (
            "published",
            denunciation_conclusion_published(&conclusion()),
        ),
        (
            "denounced notice",
            denounced_person_notice(&denounced_notice()),
        ),
        (
            "transfer",
            transfer_letter(&transfer(MatterKind::Denunciation)),
        ),
        ("extension", extension_decision(&extension())),
    ];
    let secret = denouncer();
    for (name, doc) in docs {
        let docx = write_docx(&doc).unwrap();
        let xml = part(&docx, "word/document.xml");
        let plain = texts(&docx).join("\n");
        for needle in ["Nguyễn Văn Mật", "Thôn Kín", secret.id_number.as_str()] {
            assert!(!plain.contains(needle), "{name}: {needle:?} in {plain}");
            assert!(!xml.contains(needle), "{name}: {needle:?} in the XML");
        }
    }
    // The control: the notice addressed to the denouncer, and a complaint's transfer letter,
    // do name the sender.
    let own = texts(&write_docx(&denunciation_acceptance_notice(&denunciation_notice())).unwrap())
        .join("\n");
    assert!(own.contains("Nguyễn Văn Mật") && own.contains("Thôn Kín"));
    let t = texts(&write_docx(&transfer_letter(&transfer(MatterKind::ComplaintFirst))).unwrap())
        .join("\n");
    assert!(t.contains("Nguyễn Văn Mật"), "{t}");
}

// ---------------------------------------------------------------- register

/// Luật Tiếp công dân 2013 Điều 25 khoản 2: "số thứ tự, ngày tiếp, họ tên, địa chỉ, nội dung
/// sự việc, quá trình xem xét giải quyết đã có (nếu có), yêu cầu, đề nghị của người được tiếp
/// và việc tiếp nhận, xử lý vụ việc"; the identification number it takes from 01/07/2026
/// (Điều 25 k.1 as amended) after the address.
const LAW_COLUMNS: [&str; 9] = [
    "Số thứ tự",
    "Ngày tiếp",
    "Họ và tên",
    "Địa chỉ",
    "Số định danh cá nhân/Căn cước",
    "Nội dung sự việc",
    "Quá trình xem xét giải quyết đã có (nếu có)",
    "Yêu cầu, đề nghị của người được tiếp",
    "Việc tiếp nhận, xử lý vụ việc",
];

#[test]
fn the_register_xlsx_has_the_law_s_columns() {
    use calamine::{Data, Reader, Xlsx};
    let bytes = reception_register_xlsx(&register()).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["SỔ TIẾP CÔNG DÂN"]);
    let range = book.worksheet_range("SỔ TIẾP CÔNG DÂN").unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    assert_eq!(rows[0][0], Data::String("SỔ TIẾP CÔNG DÂN".into()));
    assert_eq!(
        rows[1][0],
        Data::String(
            "Ủy ban nhân dân xã Lương Tài — Từ ngày 01/07/2026 đến ngày 31/07/2026".into()
        )
    );
    let header: Vec<String> = rows[2].iter().map(|c| c.to_string()).collect();
    assert_eq!(header, LAW_COLUMNS);
    assert_eq!(rows[3][1], Data::String("14/07/2026".into()));
    assert_eq!(rows[4][2], Data::String("Vũ Văn Tú".into()));
    assert_eq!(rows.len(), 5);

    // The DOCX: the same header, in landscape.
    let docx = write_docx(&reception_register(&register())).unwrap();
    let xml = part(&docx, "word/document.xml");
    assert!(xml.contains(r#"w:orient="landscape""#));
    let t = texts(&docx);
    let at = t.iter().position(|p| p == "Số thứ tự").expect("header row");
    assert_eq!(t[at..at + 9], LAW_COLUMNS);
}

// ---------------------------------------------------------------- LibreOffice

fn libreoffice_installed() -> bool {
    std::process::Command::new("which")
        .arg("libreoffice")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

#[test]
fn libreoffice_reads_every_document_back() {
    if !libreoffice_installed() {
        println!(
            "libreoffice is not installed: the PDF round trip of the voice documents is skipped"
        );
        return;
    }
    let dir = std::env::temp_dir().join(format!("papi-voice-lo-{}", std::process::id()));
    for (name, doc, title) in all() {
        let pdf = via_libreoffice(&dir, name, &write_docx(&doc).unwrap());
        for needle in [
            NATIONAL_TITLE,
            MOTTO,
            title,
            &format!("Số: {}", doc.number),
            &papi_docs::decree30::date_line(&doc.place, doc.date),
            "Nơi nhận:",
            &doc.signature.signer_name,
        ] {
            assert!(
                pdf.contains(needle),
                "{name}: {needle:?} not in the PDF text:\n{pdf}"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
