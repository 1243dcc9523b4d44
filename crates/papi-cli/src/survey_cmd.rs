//! `papi survey score|template` and `papi benchmark import`.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{anyhow, Context};
use papi_docs::survey::{
    default_form, read_form_file, read_population, read_provincial, read_responses_from,
    write_toml, write_xlsform, ImportErrors, ImportSpec, SurveyForm,
};
use papi_index::{Design, EstimateOptions};
use papi_store::Store;

use crate::args::{BenchmarkCommand, SurveyCommand};

fn errors(what: &str, e: ImportErrors) -> anyhow::Error {
    let mut lines: Vec<String> = e.errors.iter().map(|e| format!("  {e}")).collect();
    if e.total > e.errors.len() {
        lines.push(format!("  … và {} lỗi khác", e.total - e.errors.len()));
    }
    anyhow!("{what} có lỗi, không dùng được:\n{}", lines.join("\n"))
}

/// A bar of the bytes of the answers file read and checked, on stderr when it is a
/// terminal (none when the output goes to a file or a pipe).
fn progress_bar(size: u64) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() || size == 0 {
        return None;
    }
    let bar = indicatif::ProgressBar::new(size);
    let style = indicatif::ProgressStyle::with_template(
        "Đang đọc và kiểm tra phiếu {bar:40} {bytes}/{total_bytes} (còn {eta})",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

fn read(path: &Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("không đọc được tệp {}", path.display()))
}

/// A questionnaire file: our TOML, or an XLSForm (.xlsx).
pub fn read_form(path: &Path) -> anyhow::Result<SurveyForm> {
    let name = path.to_string_lossy();
    read_form_file(&name, &read(path)?).map_err(|e| errors(&format!("Phiếu {name}"), e))
}

pub fn run(cmd: SurveyCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        SurveyCommand::Template { xlsform, output } => {
            let form = default_form();
            let out = output.unwrap_or_else(|| {
                if xlsform {
                    "phieu-khao-sat.xlsx".into()
                } else {
                    "phieu-khao-sat.toml".into()
                }
            });
            let bytes = if xlsform {
                write_xlsform(&form).map_err(|e| anyhow!("{e}"))?
            } else {
                write_toml(&form).into_bytes()
            };
            std::fs::write(&out, bytes)
                .with_context(|| format!("không ghi được {}", out.display()))?;
            println!(
                "Đã ghi phiếu mặc định ({} câu hỏi) vào {}.",
                form.questions.len(),
                out.display()
            );
        }
        SurveyCommand::Score {
            questionnaire,
            responses,
            population,
            design,
            replicates,
            seed,
            json,
        } => {
            let form = read_form(&questionnaire)?;
            let q = form.questionnaire().map_err(|e| {
                anyhow!(
                    "phiếu không dùng được: {}",
                    e.iter()
                        .map(|e| e.to_string())
                        .collect::<Vec<_>>()
                        .join("; ")
                )
            })?;
            let pop_name = population.to_string_lossy().to_string();
            let pop = read_population(&read(&population)?, &pop_name, None, None)
                .map_err(|e| errors(&format!("Bảng dân số {pop_name}"), e))?;
            let none = HashSet::new();
            let spec = ImportSpec {
                villages: &pop.villages,
                age_bands: &pop.age_bands,
                existing_uuids: &none,
            };
            let resp_name = responses.to_string_lossy().to_string();
            let file = std::fs::File::open(&responses)
                .with_context(|| format!("không đọc được tệp {}", responses.display()))?;
            let size = file.metadata().map(|m| m.len()).unwrap_or(0);
            let bar = progress_bar(size);
            let imported = read_responses_from(
                &form,
                std::io::BufReader::with_capacity(1 << 20, file),
                &resp_name,
                &spec,
                &|done| {
                    if let Some(b) = &bar {
                        b.set_position(done);
                    }
                },
            );
            if let Some(b) = &bar {
                b.finish_and_clear();
            }
            let imported = imported.map_err(|e| errors(&format!("Tệp trả lời {resp_name}"), e))?;
            let design = match design.as_str() {
                "strata" => Design::Strata,
                "clusters" => Design::Clusters,
                other => anyhow::bail!("--design là strata hoặc clusters, không phải “{other}”"),
            };
            let opts = EstimateOptions {
                design,
                bootstrap: replicates.map(|r| (r, seed)),
            };
            let results = papi_index::estimate(&q, pop.frame(), imported.respondents, opts)
                .map_err(|e| anyhow!("không tính được điểm: {e}"))?;
            if json {
                println!("{}", serde_json::to_string_pretty(&results)?);
            } else {
                let t = &results.commune.total;
                println!(
                    "{} phiếu. Tổng điểm {:.2} (sai số chuẩn {:.3}; KTC 95% {:.2}–{:.2})",
                    results.commune.respondents, t.estimate, t.se, t.ci[0], t.ci[1]
                );
                for (d, e) in &results.commune.dimensions {
                    println!("  {d}: {:.2} ({:.2}–{:.2})", e.estimate, e.ci[0], e.ci[1]);
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Province names by code from the shared codebook, when it lies beside the file.
fn codebook(dir: &Path) -> BTreeMap<String, String> {
    let Ok(text) = std::fs::read_to_string(dir.join("codebook_provinces.csv")) else {
        return BTreeMap::new();
    };
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .filter_map(Result::ok)
        .filter(|r| r.len() >= 2)
        .map(|r| (r[0].to_string(), r[1].to_string()))
        .collect()
}

/// Stores official provincial scores from a CSV of the shared layout (year from the file name
/// or --year) or a user's XLSX; province codes become names when the codebook is beside it.
pub async fn import_benchmark(
    store: &Store,
    file: &Path,
    year: Option<u16>,
) -> anyhow::Result<usize> {
    let name = file.to_string_lossy().to_string();
    let year = year.or_else(|| {
        file.file_stem()
            .and_then(|s| s.to_str())
            .and_then(|s| s.parse().ok())
    });
    let scores = read_provincial(&read(file)?, &name, year)
        .map_err(|e| errors(&format!("Tệp điểm {name}"), e))?;
    let names = codebook(file.parent().unwrap_or(Path::new(".")));
    let rows: Vec<(String, i64, String, f64)> = scores
        .into_iter()
        .map(|s| {
            (
                names.get(&s.province).cloned().unwrap_or(s.province),
                s.year as i64,
                s.subdimension,
                s.score,
            )
        })
        .collect();
    Ok(papi_store::survey::import_provincial(store, &rows).await?)
}

pub async fn run_benchmark(
    db: &crate::open::Database,
    cmd: BenchmarkCommand,
) -> anyhow::Result<ExitCode> {
    let BenchmarkCommand::Import { files, year } = cmd;
    let store = crate::open::store(db).await?;
    for f in files {
        let n = import_benchmark(&store, &f, year).await?;
        println!("{}: {n} điểm nội dung thành phần đã lưu.", f.display());
    }
    Ok(ExitCode::SUCCESS)
}
