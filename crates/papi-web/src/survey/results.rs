//! The results pages (staff and public) and the XLSX of every estimate.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{Html, IntoResponse};
use papi_core::{Action, Dimension};
use papi_docs::reports::{write_xlsx_table, Cell};
use papi_index::{
    intervals_overlap, Design, Estimate, EstimateOptions, QuartileGroup, SurveyResults,
    VillageInterval,
};
use papi_store::{org, survey as store};
use serde::Deserialize;

use super::{benchmark, score, Benchmark, Scored};
use crate::auth::CurrentUser;
use crate::charts::{bars, radar, Bar, Spoke};
use crate::error::{AppError, PageResult};
use crate::view::Nav;
use crate::AppState;

pub struct DimensionLine {
    pub name: &'static str,
    pub estimate: String,
    pub ci: String,
    pub province: String,
}

pub struct VillageLine {
    pub name: String,
    pub respondents: usize,
    pub total: String,
    pub ci: String,
    pub enough: bool,
    pub overlaps: String,
}

/// Everything both pages show.
pub struct ResultsView {
    pub title: String,
    /// The title with the year when it lacks it.
    pub heading: String,
    pub responses: usize,
    pub has_results: bool,
    pub error: String,
    pub total: String,
    pub total_ci: String,
    pub radar_svg: String,
    pub bars_svg: String,
    pub dimensions: Vec<DimensionLine>,
    pub villages: Vec<VillageLine>,
    /// Village intervals are sampling intervals and may be compared (false under the cluster
    /// design, where a village is one cluster).
    pub villages_comparable: bool,
    /// What the village intervals mean, in Vietnamese.
    pub village_note: &'static str,
    pub province: String,
    pub group: String,
}

fn fmt(x: f64) -> String {
    format!("{x:.2}").replace('.', ",")
}

fn ci(e: &Estimate) -> String {
    format!("{} – {}", fmt(e.ci[0]), fmt(e.ci[1]))
}

fn group_label(g: QuartileGroup) -> &'static str {
    match g {
        QuartileGroup::Highest => "nhóm đạt điểm cao nhất",
        QuartileGroup::HighAverage => "nhóm đạt điểm trung bình cao",
        QuartileGroup::LowAverage => "nhóm đạt điểm trung bình thấp",
        QuartileGroup::Lowest => "nhóm đạt điểm thấp nhất",
    }
}

fn dim_code(d: Dimension) -> String {
    format!("D{}", d.number())
}

pub fn view(s: &Scored, bench: Option<&Benchmark>) -> ResultsView {
    let mut v = ResultsView {
        title: s.survey.title.clone(),
        heading: papi_core::survey_setup::heading(&s.survey.title, s.survey.year),
        responses: s.responses,
        has_results: s.results.is_some(),
        error: s.error.clone().unwrap_or_default(),
        total: String::new(),
        total_ci: String::new(),
        radar_svg: String::new(),
        bars_svg: String::new(),
        dimensions: vec![],
        villages: vec![],
        villages_comparable: true,
        village_note: "",
        province: bench
            .map(|b| format!("{} (PAPI {}: {})", b.province, b.year, fmt(b.total)))
            .unwrap_or_default(),
        group: bench
            .and_then(|b| b.group)
            .map(group_label)
            .unwrap_or("")
            .to_string(),
    };
    let Some(r) = &s.results else { return v };
    v.total = fmt(r.commune.total.estimate);
    v.total_ci = ci(&r.commune.total);
    let prov = |d: Dimension| bench.and_then(|b| b.dimensions.get(&dim_code(d)).copied());
    let spokes: Vec<Spoke> = Dimension::all()
        .map(|d| Spoke {
            label: d.short_name_vi(),
            values: [
                r.commune.dimensions.get(&dim_code(d)).map(|e| e.estimate),
                prov(d),
            ],
        })
        .collect();
    v.radar_svg = radar(
        &spokes,
        10.0,
        "Điểm 8 lĩnh vực: xã (đường liền) và tỉnh (đường đứt)",
    );
    let items: Vec<Bar> = Dimension::all()
        .filter_map(|d| {
            r.commune.dimensions.get(&dim_code(d)).map(|e| Bar {
                label: d.short_name_vi(),
                estimate: e.estimate,
                ci: e.ci,
                reference: prov(d),
            })
        })
        .collect();
    v.bars_svg = bars(
        &items,
        10.0,
        "Điểm từng lĩnh vực với khoảng tin cậy 95%, vạch dọc là điểm của tỉnh",
    );
    v.dimensions = Dimension::all()
        .filter_map(|d| {
            r.commune
                .dimensions
                .get(&dim_code(d))
                .map(|e| DimensionLine {
                    name: d.name_vi(),
                    estimate: fmt(e.estimate),
                    ci: ci(e),
                    province: prov(d).map(fmt).unwrap_or_default(),
                })
        })
        .collect();
    let interval = match (r.method.design, r.method.village_interval) {
        (Design::Clusters, _) => VillageInterval::SingleCluster,
        (_, i) => i,
    };
    v.villages_comparable = interval.comparable();
    v.village_note = village_note(interval);
    v.villages = village_lines(r, v.villages_comparable);
    v
}

/// What a village's interval means, for the pages.
pub fn village_note(interval: VillageInterval) -> &'static str {
    match interval {
        VillageInterval::Domain => {
            "Điểm của thôn là ước lượng cho một phần của mẫu toàn xã (đã gia quyền theo giới tính và \
             nhóm tuổi của cả xã), khoảng tin cậy tính như phần mềm thống kê R (gói survey). \
             Xếp theo tổng điểm; hai thôn có khoảng tin cậy trùng nhau thì chưa thể nói thôn nào hơn."
        }
        VillageInterval::SingleCluster => {
            "Cách tính này coi mỗi thôn là một cụm chọn mẫu, nên mỗi thôn chỉ là một cụm: khoảng \
             ghi dưới đây chỉ phản ánh phần hiệu chỉnh trọng số theo giới tính và nhóm tuổi của cả \
             xã (bằng 0 khi không hiệu chỉnh), không phải khoảng tin cậy do chọn mẫu của thôn. \
             Không dùng nó để xếp hạng hay so sánh các thôn; muốn so sánh, xem cách tính coi thôn là tầng."
        }
        VillageInterval::WithinVillage => {
            "Khoảng tin cậy của thôn tính riêng trong thôn (kết quả lưu theo cách tính cũ). Hai thôn \
             có khoảng tin cậy trùng nhau thì chưa thể nói thôn nào hơn."
        }
    }
}

fn village_lines(r: &SurveyResults, comparable: bool) -> Vec<VillageLine> {
    if !comparable {
        // no ranking and no comparison: villages in the order of their names
        return r
            .villages
            .iter()
            .map(|(name, vr)| VillageLine {
                name: name.clone(),
                respondents: vr.scores.respondents,
                total: if vr.enough_answers {
                    fmt(vr.scores.total.estimate)
                } else {
                    String::new()
                },
                ci: if vr.enough_answers {
                    ci(&vr.scores.total)
                } else {
                    String::new()
                },
                enough: vr.enough_answers,
                overlaps: "không so sánh (thôn là một cụm)".into(),
            })
            .collect();
    }
    let ranked: Vec<(&str, &papi_index::VillageResults)> = r.ranked_villages();
    let mut lines: Vec<VillageLine> = ranked
        .iter()
        .map(|(name, vr)| {
            let overlaps: Vec<&str> = ranked
                .iter()
                .filter(|(other, o)| {
                    other != name && intervals_overlap(&vr.scores.total, &o.scores.total)
                })
                .map(|(other, _)| *other)
                .collect();
            VillageLine {
                name: name.to_string(),
                respondents: vr.scores.respondents,
                total: fmt(vr.scores.total.estimate),
                ci: ci(&vr.scores.total),
                enough: true,
                overlaps: if overlaps.is_empty() {
                    "không trùng với thôn nào".into()
                } else {
                    format!("trùng với {}", overlaps.join(", "))
                },
            }
        })
        .collect();
    for (name, vr) in r.villages.iter().filter(|(_, vr)| !vr.enough_answers) {
        lines.push(VillageLine {
            name: name.clone(),
            respondents: vr.scores.respondents,
            total: String::new(),
            ci: String::new(),
            enough: false,
            overlaps: String::new(),
        });
    }
    lines
}

/// Short names that fit a chart.
#[derive(Deserialize, Default)]
pub struct DesignQuery {
    design: Option<String>,
    replicates: Option<usize>,
}

impl DesignQuery {
    fn options(&self) -> EstimateOptions {
        let design = if self.design.as_deref() == Some("clusters") {
            Design::Clusters
        } else {
            Design::Strata
        };
        EstimateOptions {
            design,
            bootstrap: self
                .replicates
                .filter(|r| (10..=2000).contains(r))
                .map(|r| (r, 20250101)),
        }
    }
}

#[derive(Template)]
#[template(path = "survey_staff.html")]
struct StaffPage {
    nav: Nav,
    id: i64,
    v: ResultsView,
    surveys: Vec<(i64, String)>,
    can_import: bool,
    clusters: bool,
    messages: Vec<String>,
}

pub async fn latest_id(state: &AppState, commune_id: i64) -> Result<Option<i64>, AppError> {
    Ok(store::surveys(&state.store, commune_id)
        .await?
        .first()
        .map(|s| s.id))
}

pub async fn staff_index(State(state): State<AppState>, user: CurrentUser) -> PageResult {
    match latest_id(&state, user.user.commune_id).await? {
        Some(id) => {
            Ok(axum::response::Redirect::to(&format!("/staff/survey/{id}")).into_response())
        }
        None => Ok(axum::response::Redirect::to("/staff/survey/new").into_response()),
    }
}

pub async fn staff_page(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    q: &DesignQuery,
    messages: Vec<String>,
) -> PageResult {
    user.require(Action::ViewStaffPages)?;
    let s = score(state, user.user.commune_id, id, q.options()).await?;
    let commune = org::commune(&state.store, user.user.commune_id).await?;
    let bench = benchmark(state, &commune, s.survey.year as u16).await?;
    let surveys = store::surveys(&state.store, user.user.commune_id)
        .await?
        .into_iter()
        .map(|s| (s.id, papi_core::survey_setup::heading(&s.title, s.year)))
        .collect();
    let page = StaffPage {
        nav: Nav::new(user, state, "survey"),
        id,
        v: view(&s, bench.as_ref()),
        surveys,
        can_import: user.actor().can(Action::ReviewUnitWork),
        clusters: q.design.as_deref() == Some("clusters"),
        messages,
    };
    crate::view::form_page(&page, !page.messages.is_empty())
}

pub async fn staff(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Query(q): Query<DesignQuery>,
) -> PageResult {
    staff_page(&state, &user, id, &q, vec![]).await
}

#[derive(Template)]
#[template(path = "survey_public.html")]
struct PublicPage {
    commune: String,
    gso: String,
    id: i64,
    v: ResultsView,
}

pub async fn public(State(state): State<AppState>, Path(gso): Path<String>) -> PageResult {
    let commune = org::communes(&state.store)
        .await?
        .into_iter()
        .find(|c| c.gso_code == gso)
        .ok_or(AppError::NotFound)?;
    let id = latest_id(&state, commune.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let s = score(&state, commune.id, id, DesignQuery::default().options()).await?;
    let bench = benchmark(&state, &commune, s.survey.year as u16).await?;
    let page = PublicPage {
        commune: commune.full_name(),
        gso,
        id,
        v: view(&s, bench.as_ref()),
    };
    Ok(Html(page.render()?).into_response())
}

/// `GET /staff/survey/{id}/estimates.xlsx`: every estimate, commune and villages.
pub async fn xlsx(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Query(q): Query<DesignQuery>,
) -> PageResult {
    let s = score(&state, user.user.commune_id, id, q.options()).await?;
    let r = s
        .results
        .ok_or_else(|| AppError::BadRequest("Chưa có câu trả lời để tính điểm.".into()))?;
    let mut rows = Vec::new();
    let mut push = |domain: &str, level: &str, code: &str, e: &Estimate| {
        rows.push(vec![
            Cell::Text(domain.into()),
            Cell::Text(level.into()),
            Cell::Text(code.into()),
            Cell::Number(e.estimate),
            Cell::Number(e.se),
            Cell::Number(e.ci[0]),
            Cell::Number(e.ci[1]),
        ]);
    };
    let mut domains: Vec<(String, &papi_index::DomainResults)> =
        vec![("Toàn xã".into(), &r.commune)];
    domains.extend(r.villages.iter().map(|(n, v)| (n.clone(), &v.scores)));
    for (name, d) in domains {
        push(&name, "Tổng điểm", "TOTAL", &d.total);
        for (c, e) in &d.dimensions {
            push(&name, "Lĩnh vực", c, e);
        }
        for (c, e) in &d.subdimensions {
            push(&name, "Nội dung thành phần", c, &e.score);
        }
        for (c, e) in &d.indicators {
            push(&name, "Chỉ tiêu", c, e);
        }
    }
    let title = format!(
        "KẾT QUẢ KHẢO SÁT {} — {} phiếu",
        s.survey.title.to_uppercase(),
        s.responses
    );
    let headers = [
        "Phạm vi",
        "Cấp",
        "Mã",
        "Điểm",
        "Sai số chuẩn",
        "KTC 95% dưới",
        "KTC 95% trên",
    ];
    let bytes = write_xlsx_table(&title, &headers, &rows)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    Ok((
        [
            (
                CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                CONTENT_DISPOSITION,
                "attachment; filename=\"ket-qua-khao-sat.xlsx\"".to_string(),
            ),
        ],
        bytes,
    )
        .into_response())
}
