//! The demo's disclosure register as it stands on the demo's day (15/10/2025): an entry in
//! every state the law's checks give — on time, posted too short, published late, permanent
//! (groups 4 and 13), a permanent item taken down, a group 7 list without its loudspeaker days,
//! a budget report disclosed again after a correction, one waiting to be published — across the
//! villages, with documents and photos. Entered through the application layer, so every check
//! is the real one.

use anyhow::Context;
use chrono::NaiveDate;
use papi_app::disclosure::{self, EntryInput, FormInput};
use papi_app::App;
use papi_core::clock::format_date;
use papi_core::{Actor, Role};
use papi_store::disclosure::NewFile;
use papi_store::Store;

fn d(y: i32, m: u32, day: u32) -> String {
    format_date(NaiveDate::from_ymd_opt(y, m, day).expect("valid demo date"))
}

/// A one-page PDF standing for the disclosed document.
fn document(name: &str) -> NewFile {
    NewFile {
        original_name: format!("{name}.pdf"),
        content_type: "application/pdf".into(),
        content: format!("%PDF-1.4\n% {name}\n%%EOF\n").into_bytes(),
    }
}

/// The smallest PNG: the photo of a notice board.
fn photo(name: &str) -> NewFile {
    const PNG: &[u8] = &[
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f,
        0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8,
        0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00,
        0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ];
    NewFile {
        original_name: format!("{name}.png"),
        content_type: "image/png".into(),
        content: PNG.to_vec(),
    }
}

struct Ctx<'a> {
    app: &'a App,
    actor: &'a Actor,
    villages: Vec<(i64, String)>,
}

impl Ctx<'_> {
    async fn entry(
        &self,
        group: u8,
        topic: &str,
        title: &str,
        decided: String,
        village: Option<usize>,
    ) -> anyhow::Result<i64> {
        disclosure::create(
            self.app,
            self.actor,
            EntryInput {
                group: group.to_string(),
                topic: topic.into(),
                title: title.into(),
                legal_basis: if topic.is_empty() {
                    format!("Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15, Điều 11 khoản {group}")
                } else {
                    String::new()
                },
                decided_on: decided,
                village_id: village
                    .map(|i| self.villages[i].0.to_string())
                    .unwrap_or_default(),
                document: Some(document(&format!("van-ban-{group}"))),
            },
        )
        .await
        .with_context(|| format!("demo disclosure «{title}»"))
    }

    /// One form, as the demo's lines read best: every fact in place, in the form's order.
    #[allow(clippy::too_many_arguments)]
    async fn form(
        &self,
        id: i64,
        kind: &str,
        village: Option<usize>,
        from: String,
        until: Option<String>,
        days: &str,
        with_photo: bool,
    ) -> anyhow::Result<()> {
        disclosure::add_form(
            self.app,
            self.actor,
            id,
            FormInput {
                kind: kind.into(),
                village_id: village
                    .map(|i| self.villages[i].0.to_string())
                    .unwrap_or_default(),
                url: if kind == "portal" {
                    format!("https://luongtai.hungyen.gov.vn/cong-khai/{id}")
                } else {
                    String::new()
                },
                from,
                until: until.unwrap_or_default(),
                days: days.into(),
                note: String::new(),
                done_by: match (kind, village) {
                    ("village" | "village_head", Some(i)) => {
                        format!("Trưởng {}", self.villages[i].1.to_lowercase())
                    }
                    ("loudspeaker", _) => "Đài truyền thanh xã".into(),
                    _ => "Văn phòng HĐND và UBND xã".into(),
                },
                photo: with_photo.then(|| photo(&format!("niem-yet-{id}-{kind}"))),
            },
        )
        .await
        .with_context(|| format!("demo form {kind} of disclosure {id}"))?;
        Ok(())
    }

    /// The office posting and one in every village (the first with a photo).
    async fn everywhere(&self, id: i64, from: String, until: Option<String>) -> anyhow::Result<()> {
        self.form(id, "office", None, from.clone(), until.clone(), "", true)
            .await?;
        for i in 0..self.villages.len() {
            self.form(
                id,
                "village",
                Some(i),
                from.clone(),
                until.clone(),
                "",
                i == 0,
            )
            .await?;
        }
        Ok(())
    }

    async fn village_heads(&self, id: i64, on: String) -> anyhow::Result<()> {
        for i in 0..self.villages.len() {
            self.form(
                id,
                "village_head",
                Some(i),
                on.clone(),
                Some(on.clone()),
                "",
                false,
            )
            .await?;
        }
        Ok(())
    }
}

pub async fn seed(store: &Store, commune_id: i64, today: NaiveDate) -> anyhow::Result<()> {
    let app = App::new(store.clone(), Some(today));
    let users = papi_store::org::users(store, commune_id).await?;
    let office = users
        .iter()
        .find(|u| u.role == Role::Office)
        .context("the demo commune has an office user")?;
    let actor = Actor {
        user_id: office.id,
        commune_id,
        role: Role::Office,
        unit_id: office.unit_id,
    };
    let villages: Vec<(i64, String)> = papi_store::org::villages(store, commune_id)
        .await?
        .into_iter()
        .map(|v| (v.id, v.name))
        .collect();
    if villages.is_empty() {
        return Ok(());
    }
    let c = Ctx {
        app: &app,
        actor: &actor,
        villages,
    };

    // On time: published two days after the decision, still up everywhere.
    let id = c
        .entry(
            1,
            "",
            "Kết quả thực hiện kế hoạch phát triển kinh tế - xã hội 9 tháng năm 2025",
            d(2025, 9, 22),
            None,
        )
        .await?;
    c.everywhere(id, d(2025, 9, 24), None).await?;

    // Too short: public assets, taken off the boards after 19 days.
    let id = c
        .entry(
            6,
            "",
            "Phương án thanh lý xe ô tô công đã hết niên hạn sử dụng",
            d(2025, 8, 4),
            None,
        )
        .await?;
    c.everywhere(id, d(2025, 8, 6), Some(d(2025, 8, 25)))
        .await?;

    // Late: a contribution of Thôn Đông published two weeks after the decision.
    let id = c
        .entry(
            5,
            "",
            "Mức huy động Nhân dân đóng góp làm đường bê tông thôn Đông",
            d(2025, 9, 1),
            Some(0),
        )
        .await?;
    c.form(id, "office", None, d(2025, 9, 15), None, "", true)
        .await?;
    c.form(id, "village", Some(0), d(2025, 9, 15), None, "", true)
        .await?;

    // Permanent: the democracy regulation (group 4) and the procedures (group 13).
    let id = c
        .entry(
            4,
            "",
            "Quy chế thực hiện dân chủ ở cơ sở của xã Lương Tài",
            d(2025, 1, 10),
            None,
        )
        .await?;
    c.form(id, "office", None, d(2025, 1, 13), None, "", true)
        .await?;
    let id = c
        .entry(
            13,
            "procedures",
            "Danh mục thủ tục hành chính cấp xã, phí và lệ phí",
            d(2025, 7, 1),
            None,
        )
        .await?;
    c.form(id, "office", None, d(2025, 7, 2), None, "", true)
        .await?;
    c.form(id, "portal", None, d(2025, 7, 2), None, "", false)
        .await?;
    // A permanent item taken down: flagged.
    let id = c
        .entry(
            13,
            "feedback_address",
            "Địa chỉ tiếp nhận phản ánh, kiến nghị về quy định hành chính",
            d(2025, 3, 3),
            None,
        )
        .await?;
    c.form(id, "office", None, d(2025, 3, 4), None, "", false)
        .await?;
    disclosure::take_down(&app, &actor, id, &d(2025, 10, 1)).await?;

    // Group 7 without the loudspeaker: missing form.
    let id = c
        .entry(
            7,
            "poor_households",
            "Danh sách hộ nghèo, hộ cận nghèo rà soát năm 2025 (dự kiến)",
            d(2025, 10, 6),
            None,
        )
        .await?;
    c.everywhere(id, d(2025, 10, 7), None).await?;
    c.village_heads(id, d(2025, 10, 9)).await?;

    // Group 10: posted, broadcast three days running, passed on by the village heads.
    let id = c
        .entry(
            10,
            "",
            "Kết luận kiểm tra Bộ phận một cửa quý III năm 2025",
            d(2025, 10, 1),
            None,
        )
        .await?;
    c.everywhere(id, d(2025, 10, 3), None).await?;
    c.form(
        id,
        "loudspeaker",
        None,
        String::new(),
        None,
        &format!("{}, {}, {}", d(2025, 10, 6), d(2025, 10, 7), d(2025, 10, 8)),
        false,
    )
    .await?;
    c.village_heads(id, d(2025, 10, 5)).await?;

    // Re-disclosed: the quarter's budget report, corrected and published again.
    let id = c
        .entry(
            2,
            "budget_quarter",
            "Tình hình thực hiện dự toán ngân sách xã quý III năm 2025",
            d(2025, 10, 3),
            None,
        )
        .await?;
    c.everywhere(id, d(2025, 10, 6), None).await?;
    let id2 = disclosure::redisclose(
        &app,
        &actor,
        id,
        EntryInput {
            title: "Tình hình thực hiện dự toán ngân sách xã quý III năm 2025 (điều chỉnh số liệu chi đầu tư)".into(),
            decided_on: d(2025, 10, 10),
            document: Some(document("ngan-sach-quy-3-dieu-chinh")),
            ..Default::default()
        },
    )
    .await?;
    c.everywhere(id2, d(2025, 10, 13), None).await?;
    c.form(id2, "portal", None, d(2025, 10, 13), None, "", false)
        .await?;

    // The chairman's contacts (plan 1.2.a), on the board and the portal.
    let id = c
        .entry(
            14,
            "chairman_contacts",
            "Số điện thoại, thư điện tử của Chủ tịch UBND xã",
            d(2025, 7, 1),
            None,
        )
        .await?;
    c.form(id, "office", None, d(2025, 7, 1), None, "", false)
        .await?;
    c.form(id, "portal", None, d(2025, 7, 1), None, "", false)
        .await?;

    // Waiting: a consultation decided two days ago, to publish by its deadline.
    c.entry(
        11,
        "",
        "Lấy ý kiến Nhân dân về dự thảo quy ước thôn Nam",
        d(2025, 10, 13),
        Some(2 % c.villages.len()),
    )
    .await?;
    Ok(())
}
