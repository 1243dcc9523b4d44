//! Speed bench of issue 4 (run by `bench/index.sh`, release build): 1,000,000 generated
//! respondents, 120 indicators, 800 villages in 20 communes, with missing answers and
//! eligibility. Prints the figures; asserts nothing.
//!
//! Usage: bench [respondents] [replicates]

use papi_index::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use std::io::Write;
use std::time::Instant;

const INDICATORS: usize = 120;
const COMMUNES: usize = 20;
const VILLAGES: usize = 800;
const AGE_BANDS: [&str; 5] = ["18-29", "30-39", "40-49", "50-59", "60-70"];
const SERVICES: [&str; 4] = ["land", "cert", "health", "none"];

fn questionnaire() -> Questionnaire {
    let st = YearStructure::for_year(2024).unwrap();
    let subs = st.subdimension_codes();
    let indicators = (0..INDICATORS)
        .map(|k| {
            let sc = subs[k % subs.len()];
            let likert = k % 2 == 0;
            Indicator {
                id: format!("i{k:03}"),
                subdimension: sc.to_string(),
                question: format!("q{k:03}"),
                min: if likert { 1.0 } else { 0.0 },
                max: if likert { 4.0 } else { 1.0 },
                direction: if k % 5 == 0 {
                    Direction::Down
                } else {
                    Direction::Up
                },
                missing: vec!["98".into(), "99".into()],
                relevant: match k % 8 {
                    // D5-like items only for users; others for some services or ages
                    1 => Some("${used} = 'yes'".into()),
                    3 => Some(
                        "selected(${services}, 'land') or selected(${services}, 'cert')".into(),
                    ),
                    5 => Some("${age} >= 30 and not(${used} = 'no')".into()),
                    _ => None,
                },
                values: Default::default(),
            }
        })
        .collect();
    Questionnaire {
        year: 2024,
        indicators,
    }
}

/// The generated sample in memory: answers as small codes (255 = not asked).
struct Generated {
    village: Vec<u16>,
    sex: Vec<u8>,
    band: Vec<u8>,
    age: Vec<u8>,
    used: Vec<bool>,
    services: Vec<u8>,
    answers: Vec<u8>,
}

fn generate(n: usize, q: &Questionnaire) -> Generated {
    let per_village = n / VILLAGES;
    let chunks: Vec<Generated> = (0..VILLAGES)
        .into_par_iter()
        .map(|v| {
            let mut rng = ChaCha8Rng::seed_from_u64(v as u64);
            let m = per_village + usize::from(v < n % VILLAGES);
            let quality: f64 = rng.gen_range(0.3..0.8);
            let mut g = Generated {
                village: vec![v as u16; m],
                sex: Vec::with_capacity(m),
                band: Vec::with_capacity(m),
                age: Vec::with_capacity(m),
                used: Vec::with_capacity(m),
                services: Vec::with_capacity(m),
                answers: Vec::with_capacity(m * INDICATORS),
            };
            for _ in 0..m {
                let age: u8 = rng.gen_range(18..=70);
                let used = rng.gen_bool(0.6);
                let services = rng.gen_range(0..4u8);
                g.sex.push(rng.gen_range(0..2));
                g.band.push(((age - 18) / 10).min(4));
                g.age.push(age);
                g.used.push(used);
                g.services.push(services);
                for ind in &q.indicators {
                    let eligible = match ind.relevant.as_deref() {
                        Some(r) if r.starts_with("${used}") => used,
                        Some(r) if r.starts_with("selected") => services <= 1,
                        Some(_) => age >= 30 && used,
                        None => true,
                    };
                    let a = if !eligible {
                        255
                    } else if rng.gen_bool(0.05) {
                        98
                    } else if ind.max == 4.0 {
                        1 + (0..3).filter(|_| rng.gen_bool(quality)).count() as u8
                    } else {
                        u8::from(rng.gen_bool(quality))
                    };
                    g.answers.push(a);
                }
            }
            g
        })
        .collect();
    let mut all = Generated {
        village: Vec::with_capacity(n),
        sex: Vec::with_capacity(n),
        band: Vec::with_capacity(n),
        age: Vec::with_capacity(n),
        used: Vec::with_capacity(n),
        services: Vec::with_capacity(n),
        answers: Vec::with_capacity(n * INDICATORS),
    };
    for mut c in chunks {
        all.village.append(&mut c.village);
        all.sex.append(&mut c.sex);
        all.band.append(&mut c.band);
        all.age.append(&mut c.age);
        all.used.append(&mut c.used);
        all.services.append(&mut c.services);
        all.answers.append(&mut c.answers);
    }
    all
}

fn write_csv(g: &Generated, path: &std::path::Path) -> std::io::Result<u64> {
    let mut w = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    write!(w, "_uuid,commune,village,sex,age_band,age,used,services")?;
    for k in 0..INDICATORS {
        write!(w, ",grp/q{k:03}")?;
    }
    writeln!(w)?;
    let mut line = Vec::with_capacity(512);
    for i in 0..g.village.len() {
        line.clear();
        let v = g.village[i] as usize;
        write!(
            line,
            "u{i},C{:02},V{v:03},{},{},{},{},{}",
            v / (VILLAGES / COMMUNES),
            if g.sex[i] == 0 { "F" } else { "M" },
            AGE_BANDS[g.band[i] as usize],
            g.age[i],
            if g.used[i] { "yes" } else { "no" },
            SERVICES[g.services[i] as usize]
        )?;
        for &a in &g.answers[i * INDICATORS..(i + 1) * INDICATORS] {
            line.push(b',');
            match a {
                255 => {}
                98 => line.extend_from_slice(b"98"),
                a => line.push(b'0' + a),
            }
        }
        line.push(b'\n');
        w.write_all(&line)?;
    }
    w.flush()?;
    Ok(std::fs::metadata(path)?.len())
}

/// Import the CSV with the `csv` crate: the file is split at line ends into one chunk per
/// thread, each parsed by its own reader; rows are scored by `RowScorer` and grouped by commune.
fn import_csv(path: &std::path::Path, q: &Questionnaire) -> Vec<Respondents> {
    let bytes = std::fs::read(path).unwrap();
    let header_end = bytes.iter().position(|&b| b == b'\n').unwrap() + 1;
    let header_line = std::str::from_utf8(&bytes[..header_end - 1]).unwrap();
    let header: Vec<&str> = header_line.split(',').collect();
    let scorer = RowScorer::new(q, &header).unwrap();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (c_village, c_sex, c_band) = (col("village"), col("sex"), col("age_band"));
    let body = &bytes[header_end..];
    let parts = rayon::current_num_threads() * 4;
    let mut cuts = vec![0];
    for p in 1..parts {
        let mut at = body.len() * p / parts;
        while at < body.len() && body[at - 1] != b'\n' {
            at += 1;
        }
        cuts.push(at);
    }
    cuts.push(body.len());
    let per_chunk: Vec<Vec<Respondents>> = cuts
        .windows(2)
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|w| {
            let mut rdr = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(&body[w[0]..w[1]]);
            let mut out: Vec<Respondents> = (0..COMMUNES)
                .map(|_| Respondents::new(INDICATORS))
                .collect();
            let mut rec = csv::ByteRecord::new();
            let mut scratch = Vec::new();
            let mut scores = vec![0f32; INDICATORS];
            while rdr.read_byte_record(&mut rec).unwrap() {
                let field = |i: usize| std::str::from_utf8(rec.get(i).unwrap_or(b"")).unwrap_or("");
                scorer.score_row(&field, &mut scratch, &mut scores).unwrap();
                let v: usize = field(c_village)[1..].parse().unwrap();
                let sex = usize::from(field(c_sex) == "M");
                let band = AGE_BANDS.iter().position(|b| *b == field(c_band)).unwrap();
                let commune = v / (VILLAGES / COMMUNES);
                out[commune].push(
                    v % (VILLAGES / COMMUNES),
                    sex * AGE_BANDS.len() + band,
                    &scores,
                );
            }
            out
        })
        .collect();
    drop(bytes);
    let mut communes: Vec<Respondents> = (0..COMMUNES)
        .map(|_| Respondents::new(INDICATORS))
        .collect();
    let mut per_chunk: Vec<std::vec::IntoIter<Respondents>> =
        per_chunk.into_iter().map(|c| c.into_iter()).collect();
    for commune in communes.iter_mut() {
        for chunk in per_chunk.iter_mut() {
            commune.append(chunk.next().unwrap());
        }
    }
    communes
}

fn frame(commune: usize) -> Frame {
    let nv = VILLAGES / COMMUNES;
    Frame {
        villages: (0..nv)
            .map(|v| format!("V{:03}", commune * nv + v))
            .collect(),
        adults: Some(
            (0..nv)
                .map(|v| 800.0 + 37.0 * ((v * 7) % 11) as f64)
                .collect(),
        ),
        cells: Cells {
            n_age: 5,
            population: vec![
                2300.0, 2100.0, 2000.0, 1800.0, 1500.0, 2200.0, 2050.0, 1900.0, 1700.0, 1300.0,
            ],
        },
    }
}

/// Respondents per village in the subset compared with R (40 villages × 500 = 20,000).
const R_PER_VILLAGE: usize = 500;

/// The 20,000-respondent subset compared with R's `survey` (bench/index.sh): the first 500
/// respondents of every village of commune C00. Times papi-index's weights, totals and
/// linearised estimates (both designs, commune and villages) on it, writes the seconds to
/// `papi-seconds` and the inputs of `tests/r/compare.R` (data.csv, scores.csv, population.csv).
fn r_subset(
    dir: &std::path::Path,
    all: &Respondents,
    h: &Hierarchy,
    q: &Questionnaire,
    st: &YearStructure,
) {
    let fr = frame(0);
    let nv = fr.villages.len();
    let mut taken = vec![0usize; nv];
    let mut sub = Respondents::new(INDICATORS);
    for i in 0..all.len() {
        let v = all.village(i);
        if taken[v] < R_PER_VILLAGE {
            taken[v] += 1;
            sub.push_weighted(v, all.cell(i), all.weight(i), all.row(i));
        }
    }
    let t = Instant::now();
    let s = Survey::new(h.clone(), fr.clone(), sub.clone(), Options::default()).unwrap();
    let res = (
        linearise(&s, Design::Strata),
        linearise(&s, Design::Clusters),
    );
    let secs = t.elapsed().as_secs_f64();
    println!(
        "papi-index on the {}-respondent subset for R (commune C00, {nv} villages, {:?}): {secs:.4} s, total {:.4} (SE strata {:.4}, clusters {:.4})",
        sub.len(),
        s.calibration(),
        res.0.commune.total.estimate,
        res.0.commune.total.se,
        res.1.commune.total.se
    );
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("papi-seconds"), format!("{secs}\n")).unwrap();
    let mut w = std::io::BufWriter::new(std::fs::File::create(dir.join("data.csv")).unwrap());
    write!(w, "village,w,cell,sex,age").unwrap();
    for k in 1..=INDICATORS {
        write!(w, ",x{k}").unwrap();
    }
    writeln!(w).unwrap();
    let adults = fr.adults.as_ref().unwrap();
    for i in 0..sub.len() {
        let (v, c) = (sub.village(i), sub.cell(i));
        let b = adults[v] / taken[v] as f64 * sub.weight(i);
        write!(w, "{},{b:?},{c},{},{}", fr.villages[v], c / 5, c % 5).unwrap();
        for x in sub.row(i) {
            if x.is_nan() {
                write!(w, ",NA").unwrap();
            } else {
                write!(w, ",{:?}", *x as f64).unwrap();
            }
        }
        writeln!(w).unwrap();
    }
    w.flush().unwrap();
    // scores as linear combinations of indicator means (papi-method.md §1.3)
    let mut sc = String::from("score,indicator,coef\n");
    let mut total = String::new();
    for d in &st.dimensions {
        let subs: Vec<(&str, Vec<usize>)> = d
            .subdimensions
            .iter()
            .map(|s| {
                let m: Vec<usize> = (0..INDICATORS)
                    .filter(|&k| q.indicators[k].subdimension == s.code)
                    .collect();
                (s.code.as_str(), m)
            })
            .filter(|(_, m)| !m.is_empty())
            .collect();
        for (code, m) in &subs {
            for &k in m {
                let a = 1.0 / m.len() as f64;
                sc.push_str(&format!("{code},x{},{a:?}\n", k + 1));
                let line = format!("x{},{:?}\n", k + 1, a / subs.len() as f64);
                sc.push_str(&format!("{},{line}", d.code));
                total.push_str(&format!("total,{line}"));
            }
        }
    }
    sc.push_str(&total);
    std::fs::write(dir.join("scores.csv"), sc).unwrap();
    let mut pop = String::from("cell,sex,age,population\n");
    for (c, p) in fr.cells.population.iter().enumerate() {
        pop.push_str(&format!("{c},{},{},{p:?}\n", c / 5, c % 5));
    }
    std::fs::write(dir.join("population.csv"), pop).unwrap();
}

fn vm_hwm_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args
        .get(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let reps: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let q = questionnaire();
    let st = YearStructure::for_year(2024).unwrap();
    q.validate(&st).unwrap();
    println!(
        "papi-index bench: {n} respondents, {INDICATORS} indicators, {VILLAGES} villages in {COMMUNES} communes, {} threads",
        rayon::current_num_threads()
    );

    let t = Instant::now();
    let g = generate(n, &q);
    println!(
        "generate in memory              {:>8.3} s",
        t.elapsed().as_secs_f64()
    );
    let path = std::env::temp_dir().join(format!("papi-index-bench-{}.csv", std::process::id()));
    let t = Instant::now();
    let size = write_csv(&g, &path).unwrap();
    println!(
        "write CSV ({:.0} MB)             {:>8.3} s",
        size as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    drop(g);

    let t = Instant::now();
    let communes = import_csv(&path, &q);
    let import = t.elapsed().as_secs_f64();
    std::fs::remove_file(&path).ok();
    println!("import CSV (csv crate, scored)  {import:>8.3} s   target ≤ 5 s");
    assert_eq!(communes.iter().map(Respondents::len).sum::<usize>(), n);

    let t = Instant::now();
    let floor: f64 = communes
        .par_iter()
        .map(|c| {
            c.scores()
                .iter()
                .filter(|x| !x.is_nan())
                .map(|x| *x as f64)
                .sum::<f64>()
        })
        .sum();
    let floor_t = t.elapsed().as_secs_f64();
    println!("floor: one plain pass in memory {floor_t:>8.3} s   (checksum {floor:.0})");

    let h = Hierarchy::new(&st, &q);
    if let Ok(dir) = std::env::var("PAPI_R_SUBSET") {
        r_subset(std::path::Path::new(&dir), &communes[0], &h, &q, &st);
    }

    let t = Instant::now();
    let surveys: Vec<Survey> = communes
        .into_par_iter()
        .enumerate()
        .map(|(c, d)| Survey::new(h.clone(), frame(c), d, Options::default()).unwrap())
        .collect();
    let prep = t.elapsed().as_secs_f64();
    let t2 = Instant::now();
    let results: Vec<(SurveyResults, SurveyResults)> = surveys
        .par_iter()
        .map(|s| (linearise(s, Design::Strata), linearise(s, Design::Clusters)))
        .collect();
    let lin = t2.elapsed().as_secs_f64();
    println!(
        "scoring + linearised SEs, both designs {:>8.3} s   target ≤ 1 s  (weights and totals {prep:.3} s, estimates {lin:.3} s)",
        prep + lin
    );
    let (s0, c0) = &results[0];
    println!(
        "  commune C00 total {:.3}: SE strata {:.4}, clusters {:.4}; calibration {:?}",
        s0.commune.total.estimate, s0.commune.total.se, c0.commune.total.se, s0.method.calibration
    );

    let t = Instant::now();
    let boots: Vec<SurveyResults> = surveys
        .par_iter()
        .map(|s| bootstrap(s, Design::Clusters, reps, 2025).unwrap())
        .collect();
    let boot = t.elapsed().as_secs_f64();
    println!("bootstrap {reps} replicates, clusters, all communes {boot:>8.3} s   target ≤ 3 s");
    println!(
        "  commune C00 total SE bootstrap {:.4} vs linearised {:.4}",
        boots[0].commune.total.se, c0.commune.total.se
    );

    let r_strata = 10;
    let t = Instant::now();
    bootstrap(&surveys[0], Design::Strata, r_strata, 1).unwrap();
    let per = t.elapsed().as_secs_f64() / r_strata as f64;
    println!(
        "  strata bootstrap (respondents resampled): {:.1} ms per replicate for one commune of {} respondents — one pass over its answers; linearisation is the default there",
        per * 1e3,
        surveys[0].village_respondents(0) * surveys[0].n_villages()
    );
    let json = serde_json::to_string(&s0.commune).unwrap();
    println!("  JSON of one commune's estimates: {} bytes", json.len());
    println!(
        "peak memory (VmHWM)             {:>8.0} MB  target ≤ 2048 MB",
        vm_hwm_mb()
    );
}
