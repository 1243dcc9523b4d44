//! Reading the register's multipart forms: the text fields, the document (PDF, DOCX, XLSX,
//! JPG, PNG, its content matching its extension) and the photo. A refused file is kept as a
//! message so the page can come back with what was typed.

use std::collections::HashMap;

use axum::extract::Multipart;
use papi_core::evidence;
use papi_store::disclosure::NewFile;

use crate::error::AppError;

#[derive(Default)]
pub struct Upload {
    pub fields: HashMap<String, String>,
    pub files: HashMap<String, NewFile>,
    pub file_error: Option<String>,
}

impl Upload {
    pub fn get(&self, k: &str) -> String {
        self.fields.get(k).cloned().unwrap_or_default()
    }
}

pub async fn read(mut mp: Multipart) -> Result<Upload, AppError> {
    let mut up = Upload::default();
    let too_big = crate::parsing::upload_error;
    while let Some(field) = mp.next_field().await.map_err(too_big)? {
        let name = field.name().unwrap_or("").to_string();
        if let Some(file_name) = field.file_name().map(str::to_string) {
            let bytes = field.bytes().await.map_err(too_big)?;
            if file_name.is_empty() && bytes.is_empty() {
                continue;
            }
            match evidence::check(&file_name, &bytes) {
                Ok(mime) => {
                    up.files.insert(
                        name,
                        NewFile {
                            original_name: evidence::clean_name(&file_name),
                            content_type: mime.to_string(),
                            content: bytes.to_vec(),
                        },
                    );
                }
                Err(why) => {
                    up.file_error.get_or_insert(why);
                }
            }
        } else {
            let value = field.text().await.map_err(too_big)?;
            up.fields.insert(name, value);
        }
    }
    Ok(up)
}
