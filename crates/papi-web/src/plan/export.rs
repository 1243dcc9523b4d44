//! The task table as XLSX, the same layout the importer reads.

use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::IntoResponse;
use papi_docs::task_table::{table_rows, write_coded_task_table_xlsx};

use crate::auth::CurrentUser;
use crate::error::{AppError, PageResult};
use crate::AppState;
use papi_app::plan::PlanData;

pub async fn xlsx(State(state): State<AppState>, user: CurrentUser) -> PageResult {
    let data = PlanData::load(&state, user.user.commune_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let tasks: Vec<_> = data.tasks.iter().map(|t| t.task.clone()).collect();
    let title = format!(
        "BIỂU TỔNG HỢP NHIỆM VỤ (Kèm theo Kế hoạch số {})",
        data.plan.number
    );
    let codes: Vec<String> = data.tasks.iter().map(|t| t.code.clone()).collect();
    let rows = table_rows(&tasks, &data.items, &data.units);
    let bytes = write_coded_task_table_xlsx(&rows, &codes, &title)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    Ok((
        [
            (
                CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                CONTENT_DISPOSITION,
                "attachment; filename=\"bieu-tong-hop-nhiem-vu.xlsx\"".to_string(),
            ),
        ],
        bytes,
    )
        .into_response())
}
