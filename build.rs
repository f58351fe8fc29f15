// Re-embed the migrations whenever one is added or edited; and compile the PostgreSQL variants
// of the integration tests as ignored (reported so, not as passed) when no test server is named,
// the browser tests when no browser is set up, the IATI schema checks without xmllint, and the
// example client without python3.
fn main() {
    println!("cargo::rerun-if-changed=migrations");
    println!("cargo::rerun-if-env-changed=TCMATCH_TEST_POSTGRES_URL");
    println!("cargo::rustc-check-cfg=cfg(postgres_tests)");
    // The browser tests need Debian's chromium and `npm ci --prefix tests/browser`; CI sets
    // TCMATCH_TEST_BROWSER=1 after installing both.
    println!("cargo::rerun-if-env-changed=TCMATCH_TEST_BROWSER");
    println!("cargo::rustc-check-cfg=cfg(browser_tests)");
    if std::env::var("TCMATCH_TEST_BROWSER").is_ok_and(|v| !v.is_empty() && v != "0") {
        println!("cargo::rustc-cfg=browser_tests");
    }
    if std::env::var("TCMATCH_TEST_POSTGRES_URL").is_ok_and(|url| !url.is_empty()) {
        println!("cargo::rustc-cfg=postgres_tests");
    }
    // The IATI export is validated against the official schema by xmllint (Debian's
    // libxml2-utils), found on the PATH.
    println!("cargo::rerun-if-env-changed=PATH");
    println!("cargo::rustc-check-cfg=cfg(xmllint_tests)");
    if std::process::Command::new("xmllint").arg("--version").output().is_ok_and(|o| o.status.success()) {
        println!("cargo::rustc-cfg=xmllint_tests");
    }
    // The agency's example client (examples/agency_client.py) runs against the service with the
    // machine's python3.
    println!("cargo::rustc-check-cfg=cfg(python_tests)");
    if std::process::Command::new("python3").arg("--version").output().is_ok_and(|o| o.status.success()) {
        println!("cargo::rustc-cfg=python_tests");
    }
}
