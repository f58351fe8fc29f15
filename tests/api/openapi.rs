//! The committed openapi/openapi.json must be what the code generates.

/// Fails when the code's OpenAPI document differs from the committed one. To accept the
/// change: `UPDATE_OPENAPI=1 cargo test openapi` (or `cargo run -- openapi --output openapi/openapi.json`).
#[test]
fn committed_openapi_document_matches_the_code() {
    let generated = tcmatch::openapi::document().to_pretty_json().expect("serialisable") + "\n";
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("openapi/openapi.json");
    if std::env::var("UPDATE_OPENAPI").is_ok() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != generated {
        let line = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .map_or_else(|| "the end".to_string(), |n| format!("line {}", n + 1));
        panic!(
            "openapi/openapi.json is out of date (first difference at {line}).\n\
             Regenerate it with: UPDATE_OPENAPI=1 cargo test openapi\n\
             or: cargo run -- openapi --output openapi/openapi.json"
        );
    }
}

#[test]
fn every_operation_documents_its_errors_as_problems() {
    let doc = serde_json::to_value(tcmatch::openapi::document()).unwrap();
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() >= 14, "{} paths", paths.len());
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            for (status, response) in op["responses"].as_object().unwrap() {
                if status.starts_with('4') || status.starts_with('5') {
                    if status == "404" && path.starts_with("/healthz") {
                        continue;
                    }
                    assert!(
                        response["content"]["application/problem+json"].is_object(),
                        "{method} {path} {status} is not documented as problem+json"
                    );
                }
            }
        }
    }
}
