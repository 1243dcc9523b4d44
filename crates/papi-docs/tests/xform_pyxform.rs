//! The XForm papi serves to ODK Collect, against the one `pyxform` (ODK's own XLSForm
//! converter, `xls2xform`) makes from the XLSForm papi writes for the same form: the same
//! instance tree, the same binds (nodeset, type, relevant, required, read-only), the same
//! controls with the same labels and the same choice values. Compared as meaning, not bytes.
//! Skipped, with a message, when `xls2xform` is not installed (`pip install pyxform`).

use std::collections::BTreeMap;
use std::process::Command;

use papi_docs::survey::{default_form, write_xform, write_xlsform};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

#[derive(Debug, Default, PartialEq)]
struct Summary {
    root: (String, String, String),
    instance: Vec<String>,
    binds: BTreeMap<String, (String, String, bool, bool)>,
    controls: Vec<(String, String, String, String)>,
    lists: BTreeMap<String, Vec<(String, String)>>,
}

fn attr(e: &BytesStart, key: &str) -> String {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key.as_bytes())
        .map(|a| {
            let raw = String::from_utf8_lossy(&a.value).into_owned();
            quick_xml::escape::unescape(&raw)
                .map(|v| v.into_owned())
                .unwrap_or(raw)
        })
        .unwrap_or_default()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn summary(xml: &str) -> Summary {
    let mut out = Summary::default();
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<String> = Vec::new();
    // where we are: the main instance's path, a secondary instance's list, the body
    let mut main: Option<Vec<String>> = None;
    let mut list: Option<String> = None;
    let mut item = (String::new(), String::new());
    let mut control: Option<(String, String, String, String)> = None;
    let mut text = String::new();
    loop {
        let ev = reader.read_event().unwrap();
        let (e, empty) = match &ev {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            _ => (None, false),
        };
        if let Some(e) = e {
            let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
            text.clear();
            match name.as_str() {
                "instance" if !empty => {
                    let id = attr(&e, "id");
                    if id.is_empty() {
                        main = Some(Vec::new());
                    } else {
                        list = Some(id.clone());
                        out.lists.entry(id).or_default();
                    }
                }
                "bind" => {
                    out.binds.insert(
                        attr(&e, "nodeset"),
                        (
                            attr(&e, "type"),
                            squash(&attr(&e, "relevant")),
                            attr(&e, "required") == "true()",
                            attr(&e, "readonly") == "true()",
                        ),
                    );
                }
                "input" | "select1" | "select" | "upload" | "group" => {
                    if name != "group" || !empty {
                        control =
                            Some((name.clone(), attr(&e, "ref"), String::new(), String::new()));
                        if name == "group" {
                            out.controls.push(control.clone().unwrap());
                        }
                    }
                }
                "itemset" => {
                    if let Some(c) = control.as_mut() {
                        c.3 = attr(&e, "nodeset");
                    }
                }
                _ => {
                    if let Some(path) = main.as_mut() {
                        if path.is_empty() {
                            out.root = (name.clone(), attr(&e, "id"), attr(&e, "version"));
                        }
                        path.push(name.clone());
                        out.instance.push(format!("/{}", path.join("/")));
                        if empty {
                            path.pop();
                        }
                    }
                }
            }
            if !empty {
                stack.push(name);
            }
            continue;
        }
        match ev {
            Event::Text(t) => text.push_str(&t.unescape().unwrap()),
            Event::End(_) => {
                let name = stack.pop().unwrap_or_default();
                let parent = stack.last().cloned().unwrap_or_default();
                match name.as_str() {
                    "instance" => {
                        main = None;
                        list = None;
                    }
                    "name" if list.is_some() => item.0 = text.trim().to_string(),
                    "label" if list.is_some() => item.1 = text.trim().to_string(),
                    "item" if list.is_some() => {
                        out.lists
                            .get_mut(list.as_ref().unwrap())
                            .unwrap()
                            .push(std::mem::take(&mut item));
                    }
                    "label"
                        if matches!(parent.as_str(), "input" | "select1" | "select" | "upload") =>
                    {
                        if let Some(c) = control.as_mut() {
                            c.2 = text.trim().to_string();
                        }
                    }
                    "input" | "select1" | "select" | "upload" => {
                        if let Some(c) = control.take() {
                            out.controls.push(c);
                        }
                    }
                    _ => {
                        if let Some(path) = main.as_mut() {
                            path.pop();
                        }
                    }
                }
                text.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

#[test]
fn the_served_xform_means_what_pyxform_makes_of_the_xlsform() {
    if Command::new("xls2xform").arg("--help").output().is_err() {
        eprintln!("skipped: `xls2xform` (pyxform) is not installed; `python3 -m pip install pyxform` runs this comparison");
        return;
    }
    let mut form = default_form();
    form.set_villages(&["Thôn Đông".into(), "Thôn Tây".into(), "Tổ dân phố 3".into()]);
    let dir = std::env::temp_dir().join(format!("papi-xform-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let xlsx = dir.join("phieu.xlsx");
    let xml = dir.join("phieu.xml");
    std::fs::write(&xlsx, write_xlsform(&form).unwrap()).unwrap();
    let run = Command::new("xls2xform")
        .arg(&xlsx)
        .arg(&xml)
        .output()
        .unwrap();
    assert!(
        xml.exists(),
        "xls2xform failed: {}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    let theirs = summary(&std::fs::read_to_string(&xml).unwrap());
    let ours = summary(&write_xform(&form));
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(ours.root, theirs.root);
    assert_eq!(ours.instance, theirs.instance);
    for (k, v) in &theirs.binds {
        assert_eq!(ours.binds.get(k), Some(v), "bind {k}");
    }
    assert_eq!(
        ours.binds.len(),
        theirs.binds.len(),
        "{:?}",
        ours.binds
            .keys()
            .filter(|k| !theirs.binds.contains_key(*k))
            .collect::<Vec<_>>()
    );
    // pyxform straightens typographic quotes (“ ” ‘ ’) in labels; papi keeps them.
    let straight =
        |c: &[(String, String, String, String)]| -> Vec<(String, String, String, String)> {
            c.iter()
                .map(|(t, r, l, i)| {
                    let l = l.replace(['“', '”'], "\"").replace(['‘', '’'], "'");
                    (t.clone(), r.clone(), l, i.clone())
                })
                .collect()
        };
    assert_eq!(straight(&ours.controls), straight(&theirs.controls));
    for (k, v) in &theirs.lists {
        let names: Vec<&String> = v.iter().map(|i| &i.0).collect();
        let mine: Vec<&String> = ours
            .lists
            .get(k)
            .map(|l| l.iter().map(|i| &i.0).collect())
            .unwrap_or_default();
        assert_eq!(mine, names, "list {k}");
        let labels: Vec<&String> = v.iter().map(|i| &i.1).collect();
        let my_labels: Vec<&String> = ours.lists[k].iter().map(|i| &i.1).collect();
        assert_eq!(my_labels, labels, "list {k}");
    }
    assert!(ours.instance.len() > 50, "{}", ours.instance.len());
    assert!(
        ours.binds.values().any(|b| !b.1.is_empty()),
        "no relevance compared"
    );
}
