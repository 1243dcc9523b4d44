//! The task table as XLSX.
#![no_main]
use libfuzzer_sys::fuzz_target;
use papi_docs::task_table::read_task_table_bytes;

fuzz_target!(init: papi_fuzz::init(), |data: &[u8]| {
    papi_fuzz::run(|| {
        let _ = read_task_table_bytes(data, "bieu.xlsx");
    });
});
