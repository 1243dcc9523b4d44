//! The form as an ODK XForm (XForms 1.0 with the ODK extensions, the shape `pyxform` writes
//! from an XLSForm): `h:html` with the model (the instance with the form's id and version,
//! `meta/instanceID`, one secondary instance per choice list, one `bind` per question) and the
//! body (labelled controls, `select1` / `select` over the lists' items, groups). And the other
//! way: a filled-in instance sent by ODK Collect read back into (question → answer) pairs.

use std::collections::HashMap;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::form::{Kind, Question, SurveyForm};

/// The root element of the instance (pyxform's default).
pub const ROOT: &str = "data";

/// Largest submission XML read (the answers of one respondent are a few kilobytes).
pub const MAX_SUBMISSION_XML: usize = 2 * 1024 * 1024;

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// The XForm data type of an XLSForm type and whether the control is read-only.
fn bind_type(q: &Question) -> (&'static str, bool) {
    let first = q
        .kind
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match first.as_str() {
        "integer" => ("int", false),
        "decimal" | "range" => ("decimal", false),
        "date" => ("date", false),
        "time" => ("time", false),
        "datetime" => ("dateTime", false),
        "geopoint" => ("geopoint", false),
        "image" | "audio" | "video" | "file" => ("binary", false),
        "note" => ("string", true),
        _ => ("string", false),
    }
}

/// `${name}` references as absolute paths of the instance.
fn paths_in(expr: &str, paths: &HashMap<&str, String>) -> String {
    let mut out = String::new();
    let mut rest = expr;
    while let Some(i) = rest.find("${") {
        out.push_str(&rest[..i]);
        match rest[i + 2..].find('}') {
            Some(j) => {
                let name = &rest[i + 2..i + 2 + j];
                match paths.get(name) {
                    Some(p) => out.push_str(p),
                    None => out.push_str(&rest[i..i + 3 + j]),
                }
                rest = &rest[i + 3 + j..];
            }
            None => {
                out.push_str(&rest[i..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The absolute instance path of every named row (groups included).
fn paths(form: &SurveyForm) -> HashMap<&str, String> {
    let mut stack: Vec<&str> = vec![ROOT];
    let mut out = HashMap::new();
    for q in &form.questions {
        match q.kind() {
            Kind::BeginGroup | Kind::BeginRepeat => {
                stack.push(&q.name);
                out.insert(q.name.as_str(), format!("/{}", stack.join("/")));
            }
            Kind::EndGroup | Kind::EndRepeat if stack.len() > 1 => {
                stack.pop();
            }
            Kind::EndGroup | Kind::EndRepeat => {}
            _ if !q.name.is_empty() => {
                out.insert(q.name.as_str(), format!("/{}/{}", stack.join("/"), q.name));
            }
            _ => {}
        }
    }
    out
}

/// The XForm of `form`, ready for ODK Collect. The instance's `id` is `form.form_id`, its
/// `version` `form.version`.
pub fn write_xform(form: &SurveyForm) -> String {
    let paths = paths(form);
    let mut instance = String::new();
    let mut binds = String::new();
    let mut body = String::new();
    let mut depth = 0usize;
    for q in &form.questions {
        let path = paths.get(q.name.as_str()).cloned().unwrap_or_default();
        let relevant = q.relevant.as_deref().map(|r| paths_in(r, &paths));
        let mut bind = |ty: Option<&str>, readonly: bool| {
            binds.push_str(&format!("<bind nodeset=\"{}\"", esc(&path)));
            if let Some(ty) = ty {
                binds.push_str(&format!(" type=\"{ty}\""));
            }
            if readonly {
                binds.push_str(" readonly=\"true()\"");
            }
            if q.required {
                binds.push_str(" required=\"true()\"");
            }
            if let Some(r) = &relevant {
                binds.push_str(&format!(" relevant=\"{}\"", esc(r)));
            }
            binds.push_str("/>");
        };
        let label = |out: &mut String| {
            if !q.label.is_empty() {
                out.push_str(&format!("<label>{}</label>", esc(&q.label)));
            }
            if !q.hint.is_empty() {
                out.push_str(&format!("<hint>{}</hint>", esc(&q.hint)));
            }
        };
        match q.kind() {
            Kind::BeginGroup | Kind::BeginRepeat => {
                instance.push_str(&format!("<{}>", q.name));
                if q.relevant.is_some() || q.required {
                    bind(None, false);
                }
                body.push_str(&format!("<group ref=\"{}\">", esc(&path)));
                label(&mut body);
                depth += 1;
            }
            Kind::EndGroup | Kind::EndRepeat => {
                if depth == 0 {
                    continue;
                }
                depth -= 1;
                // the name of the group being closed: the innermost open one
                if let Some(open) = open_group(form, q) {
                    instance.push_str(&format!("</{open}>"));
                }
                body.push_str("</group>");
            }
            _ if q.name.is_empty() => {}
            kind => {
                instance.push_str(&format!("<{}/>", q.name));
                let (ty, readonly) = bind_type(q);
                bind(Some(ty), readonly);
                let (tag, list) = match kind {
                    Kind::SelectOne(l) => ("select1", Some(l)),
                    Kind::SelectMultiple(l) => ("select", Some(l)),
                    _ if ty == "binary" => ("upload", None),
                    _ => ("input", None),
                };
                let media = match (tag, q.kind.split_whitespace().next()) {
                    ("upload", Some("audio")) => " mediatype=\"audio/*\"",
                    ("upload", Some("video")) => " mediatype=\"video/*\"",
                    ("upload", Some("file")) => " mediatype=\"application/*\"",
                    ("upload", _) => " mediatype=\"image/*\"",
                    _ => "",
                };
                body.push_str(&format!("<{tag} ref=\"{}\"{media}>", esc(&path)));
                label(&mut body);
                if let Some(l) = list {
                    body.push_str(&format!(
                        "<itemset nodeset=\"instance('{}')/root/item\"><value ref=\"name\"/><label ref=\"label\"/></itemset>",
                        esc(l)
                    ));
                }
                body.push_str(&format!("</{tag}>"));
            }
        }
    }
    binds.push_str(&format!(
        "<bind nodeset=\"/{ROOT}/meta/instanceID\" type=\"string\" readonly=\"true()\" jr:preload=\"uid\"/>"
    ));
    let mut lists = String::new();
    for l in &form.choices {
        let used = form.questions.iter().any(
            |q| matches!(q.kind(), Kind::SelectOne(n) | Kind::SelectMultiple(n) if n == l.name),
        );
        if !used {
            continue;
        }
        lists.push_str(&format!("<instance id=\"{}\"><root>", esc(&l.name)));
        for c in &l.choices {
            lists.push_str(&format!(
                "<item><name>{}</name><label>{}</label></item>",
                esc(&c.name),
                esc(&c.label)
            ));
        }
        lists.push_str("</root></instance>");
    }
    format!(
        "<?xml version=\"1.0\"?>\n<h:html xmlns=\"http://www.w3.org/2002/xforms\" xmlns:h=\"http://www.w3.org/1999/xhtml\" xmlns:ev=\"http://www.w3.org/2001/xml-events\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:jr=\"http://openrosa.org/javarosa\" xmlns:orx=\"http://openrosa.org/xforms\" xmlns:odk=\"http://www.opendatakit.org/xforms\">\
<h:head><h:title>{title}</h:title><model odk:xforms-version=\"1.0.0\">\
<instance><{ROOT} id=\"{id}\" version=\"{version}\">{instance}<meta><instanceID/></meta></{ROOT}></instance>\
{lists}{binds}</model></h:head><h:body>{body}</h:body></h:html>\n",
        title = esc(&form.title),
        id = esc(&form.form_id),
        version = esc(&form.version),
    )
}

/// The name of the group an `end_group` row closes.
fn open_group<'a>(form: &'a SurveyForm, end: &Question) -> Option<&'a str> {
    let at = form.questions.iter().position(|q| std::ptr::eq(q, end))?;
    let mut depth = 0usize;
    for q in form.questions[..at].iter().rev() {
        match q.kind() {
            Kind::EndGroup | Kind::EndRepeat => depth += 1,
            Kind::BeginGroup | Kind::BeginRepeat if depth == 0 => return Some(&q.name),
            Kind::BeginGroup | Kind::BeginRepeat => depth -= 1,
            _ => {}
        }
    }
    None
}

/// A filled-in form as ODK Collect sends it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SubmittedInstance {
    /// The root element's `id`: the form it answers.
    pub form_id: String,
    /// The root element's `version`.
    pub version: String,
    /// `meta/instanceID` without its `uuid:` prefix.
    pub instance_id: String,
    /// Every answered leaf by its element name (question names are unique in a form), in
    /// document order; `meta` is left out.
    pub answers: Vec<(String, String)>,
}

/// Reads a submission's XML. Errors are Vietnamese and say what is wrong.
pub fn read_submission(xml: &[u8]) -> Result<SubmittedInstance, String> {
    if xml.len() > MAX_SUBMISSION_XML {
        return Err(format!(
            "Tệp phiếu quá lớn ({} KB; tối đa {} KB).",
            xml.len() / 1024,
            MAX_SUBMISSION_XML / 1024
        ));
    }
    let text = std::str::from_utf8(xml).map_err(|_| "Tệp phiếu không phải UTF-8.".to_string())?;
    let bad = |e: quick_xml::Error| format!("Tệp phiếu không phải XML hợp lệ: {e}");
    let mut reader = Reader::from_str(text);
    let mut out = SubmittedInstance::default();
    let mut stack: Vec<String> = Vec::new();
    let mut value = String::new();
    let mut had_child = Vec::<bool>::new();
    loop {
        match reader.read_event().map_err(bad)? {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if stack.is_empty() {
                    for a in e.attributes().flatten() {
                        let raw = String::from_utf8_lossy(&a.value).into_owned();
                        let v = quick_xml::escape::unescape(&raw)
                            .map(|v| v.into_owned())
                            .unwrap_or(raw.clone());
                        match a.key.local_name().as_ref() {
                            b"id" => out.form_id = v,
                            b"version" => out.version = v,
                            _ => {}
                        }
                    }
                }
                if let Some(h) = had_child.last_mut() {
                    *h = true;
                }
                stack.push(name);
                had_child.push(false);
                value.clear();
            }
            Event::Empty(e) => {
                if stack.is_empty() {
                    return Err("Tệp phiếu không có dữ liệu.".into());
                }
                if let Some(h) = had_child.last_mut() {
                    *h = true;
                }
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if stack.len() > 1 && stack[1] == "meta" || name == "meta" {
                    continue;
                }
                out.answers.push((name, String::new()));
            }
            Event::Text(t) => {
                let s = t.unescape().map_err(bad)?;
                value.push_str(&s);
            }
            Event::CData(t) => value.push_str(&String::from_utf8_lossy(&t)),
            Event::End(_) => {
                let name = stack.pop().unwrap_or_default();
                let leaf = !had_child.pop().unwrap_or(false);
                if leaf && !stack.is_empty() {
                    let v = value.trim().to_string();
                    if stack.len() >= 2 && stack[1] == "meta" {
                        if name == "instanceID" {
                            out.instance_id = v.strip_prefix("uuid:").unwrap_or(&v).to_string();
                        }
                    } else {
                        out.answers.push((name, v));
                    }
                }
                value.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if out.form_id.is_empty() {
        return Err("Tệp phiếu thiếu mã biểu mẫu (thuộc tính `id` của phần tử gốc).".into());
    }
    if out.instance_id.is_empty() {
        return Err("Tệp phiếu thiếu mã phiếu `meta/instanceID`.".into());
    }
    if out.instance_id.len() > 100 || out.instance_id.chars().any(|c| c.is_control()) {
        return Err("Mã phiếu `meta/instanceID` không hợp lệ.".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::default_form;

    #[test]
    fn relevance_refers_to_instance_paths() {
        let form = default_form();
        let xml = write_xform(&form);
        assert!(xml.contains("nodeset=\"/data/meta/instanceID\""));
        assert!(!xml.contains("${"), "unresolved reference");
        // every group opened is closed, in the instance and the body
        assert_eq!(
            xml.matches("<group ").count(),
            xml.matches("</group>").count()
        );
        assert!(xml.contains("id=\"papi_xa\" version=\"2025.1\""));
    }

    #[test]
    fn a_submission_reads_back_into_answers() {
        let xml = br#"<?xml version='1.0' ?><data id="papi_xa_3" version="2025.1" xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms"><intro/><village>thon_dong</village><g><q1>yes</q1><q2>a &amp; b</q2></g><photo>1700000000.jpg</photo><meta><instanceID>uuid:9f0c4b8e-1111-4c7a-9d2e-2b1f6c3a5e77</instanceID></meta></data>"#;
        let s = read_submission(xml).unwrap();
        assert_eq!(s.form_id, "papi_xa_3");
        assert_eq!(s.version, "2025.1");
        assert_eq!(s.instance_id, "9f0c4b8e-1111-4c7a-9d2e-2b1f6c3a5e77");
        let get = |k: &str| {
            s.answers
                .iter()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(get("village"), Some("thon_dong"));
        assert_eq!(get("q2"), Some("a & b"));
        assert_eq!(get("intro"), Some(""));
        assert_eq!(get("photo"), Some("1700000000.jpg"));
        assert_eq!(get("g"), None);
        assert!(read_submission(b"<data><x>1</x></data>").is_err());
        assert!(read_submission(b"<data id='a'><x>1</data>").is_err());
    }
}
