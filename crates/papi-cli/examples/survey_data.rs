//! Writes the files of the import bench (`bench/index.sh`): an XLSForm of 120 indicators, a
//! KoboToolbox-style CSV export of generated answers (1,000,000 respondents by default, in
//! 800 villages, with missing answers, screening questions and eligibility) and the
//! commune's population table.
//!
//! Usage: survey_data DIR [respondents] [villages]

use std::collections::BTreeMap;
use std::io::Write;

use papi_docs::survey::{write_xlsform, SurveyForm};
use papi_index::{Direction, Indicator, Questionnaire, YearStructure};

const INDICATORS: usize = 120;
const AGE_BANDS: [&str; 5] = ["18-29", "30-39", "40-49", "50-59", "60-70"];
const SERVICES: [&str; 4] = ["land", "cert", "health", "none"];

fn questionnaire() -> Questionnaire {
    let st = YearStructure::for_year(2024).expect("2024 structure");
    let subs = st.subdimension_codes();
    let indicators = (0..INDICATORS)
        .map(|k| {
            let likert = k % 2 == 0;
            let top = if likert { 4 } else { 1 };
            let bottom = if likert { 1 } else { 0 };
            let values: BTreeMap<String, f64> =
                (bottom..=top).map(|v| (v.to_string(), v as f64)).collect();
            Indicator {
                id: format!("i{k:03}"),
                subdimension: subs[k % subs.len()].to_string(),
                question: format!("q{k:03}"),
                min: bottom as f64,
                max: top as f64,
                direction: if k % 5 == 0 {
                    Direction::Down
                } else {
                    Direction::Up
                },
                missing: vec!["98".into(), "99".into()],
                relevant: match k % 8 {
                    1 => Some("${used} = 'yes'".into()),
                    3 => Some(
                        "selected(${services}, 'land') or selected(${services}, 'cert')".into(),
                    ),
                    5 => Some("${age} >= 30 and not(${used} = 'no')".into()),
                    _ => None,
                },
                values,
            }
        })
        .collect();
    Questionnaire {
        year: 2024,
        indicators,
    }
}

/// A small fast generator (xorshift*): the data only need to look like answers.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let dir = std::path::PathBuf::from(args.get(1).map_or("survey-bench", String::as_str));
    let n: usize = args
        .get(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let villages: usize = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(800);
    std::fs::create_dir_all(&dir)?;
    let q = questionnaire();
    let form = SurveyForm::from_questionnaire(&q).expect("a valid questionnaire");
    std::fs::write(
        dir.join("questionnaire.xlsx"),
        write_xlsform(&form).expect("XLSForm written"),
    )?;
    let names: Vec<String> = (0..villages)
        .map(|v| format!("Thôn {:03}", v + 1))
        .collect();
    let mut pop = std::io::BufWriter::new(std::fs::File::create(dir.join("population.csv"))?);
    writeln!(pop, "village,sex,age_band,population")?;
    for (v, name) in names.iter().enumerate() {
        for sex in ["F", "M"] {
            for (b, band) in AGE_BANDS.iter().enumerate() {
                let p = 60 + (v * 7 + b * 13) % 41 + usize::from(sex == "F") * 5;
                writeln!(pop, "{name},{sex},{band},{p}")?;
            }
        }
    }
    pop.flush()?;
    let mut w =
        std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(dir.join("answers.csv"))?);
    write!(w, "start,end,today,village,sex,age_band,age,used,services")?;
    for k in 0..INDICATORS {
        let group = k / 20 + 1;
        write!(w, ",d{group}/q{k:03}")?;
    }
    writeln!(w, ",_id,_uuid,_submission_time,_index")?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut line = Vec::with_capacity(1024);
    for i in 0..n {
        line.clear();
        let v = i * villages / n;
        let quality = 0.3 + 0.5 * ((v * 37) % 100) as f64 / 100.0;
        let age = 18 + rng.below(53) as usize;
        let band = AGE_BANDS[((age - 18) / 10).min(4)];
        let used = rng.chance(0.6);
        let services = rng.below(4) as usize;
        let day = 1 + i % 28;
        let (h, m) = (7 + i % 10, i % 60);
        write!(
            line,
            "2025-03-{day:02}T{h:02}:{m:02}:00.000+07:00,2025-03-{day:02}T{h:02}:{:02}:00.000+07:00,2025-03-{day:02},{},{},{band},{age},{},{}",
            (m + 20) % 60,
            names[v],
            if rng.chance(0.5) { "F" } else { "M" },
            if used { "yes" } else { "no" },
            SERVICES[services],
        )?;
        for ind in &q.indicators {
            let eligible = match ind.relevant.as_deref() {
                Some(r) if r.starts_with("${used}") => used,
                Some(r) if r.starts_with("selected") => services <= 1,
                Some(_) => age >= 30 && used,
                None => true,
            };
            line.push(b',');
            if !eligible {
                continue;
            }
            if rng.chance(0.05) {
                line.extend_from_slice(if rng.chance(0.5) { b"98" } else { b"99" });
            } else if ind.max == 4.0 {
                let a = 1 + (0..3).filter(|_| rng.chance(quality)).count();
                line.push(b'0' + a as u8);
            } else {
                line.push(if rng.chance(quality) { b'1' } else { b'0' });
            }
        }
        let (a, b) = (rng.next(), rng.next());
        write!(
            line,
            ",{},{:08x}-{:04x}-4{:03x}-{:04x}-{:012x},2025-03-{day:02}T{h:02}:{:02}:05.123+07:00,{}",
            1_000_000 + i,
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            (b >> 48) | 0x8000,
            b & 0xffff_ffff_ffff,
            (m + 21) % 60,
            i + 1
        )?;
        line.push(b'\n');
        w.write_all(&line)?;
    }
    w.flush()?;
    println!(
        "{} respondents × {INDICATORS} indicators in {villages} villages: {}",
        n,
        dir.display()
    );
    Ok(())
}
