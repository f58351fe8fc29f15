//! Which browser origins may call the API (`--cors-origins`): none by default, `*`, or a list
//! of origins; the CORS middleware (`api::cors`) answers by it.

/// The origins allowed to call the API from a browser.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum CorsOrigins {
    /// No cross-origin access (the default).
    #[default]
    None,
    Any,
    Listed(Vec<String>),
}

impl CorsOrigins {
    /// `*`, or a comma-separated list of origins (`https://dash.example.org`); empty for none.
    pub fn parse(text: &str) -> Result<CorsOrigins, String> {
        let items: Vec<&str> = text.split(',').map(str::trim).filter(|o| !o.is_empty()).collect();
        match items.as_slice() {
            [] => Ok(CorsOrigins::None),
            ["*"] => Ok(CorsOrigins::Any),
            origins => origins
                .iter()
                .map(|o| checked_origin(o).map(|o| o.to_ascii_lowercase()))
                .collect::<Result<_, _>>()
                .map(CorsOrigins::Listed),
        }
    }

    /// The `Access-Control-Allow-Origin` value for a request from `origin`, if it is allowed.
    pub fn allow(&self, origin: &str) -> Option<String> {
        match self {
            CorsOrigins::None => None,
            CorsOrigins::Any => Some("*".into()),
            CorsOrigins::Listed(list) => {
                list.iter().any(|o| o.eq_ignore_ascii_case(origin)).then(|| origin.to_string())
            }
        }
    }
}

/// An origin is a scheme and a host, with an optional port, and nothing else.
fn checked_origin(origin: &str) -> Result<&str, String> {
    let refuse = || format!("'{origin}' is not an origin such as https://dash.example.org");
    let (scheme, rest) = origin.split_once("://").ok_or_else(refuse)?;
    let host_ok = !rest.is_empty() && !rest.contains(['/', '?', '#', '*', ' ']);
    if ["http", "https"].contains(&scheme) && host_ok {
        Ok(origin)
    } else {
        Err(refuse())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_checks_origins() {
        assert_eq!(CorsOrigins::parse(""), Ok(CorsOrigins::None));
        assert_eq!(CorsOrigins::parse(" * "), Ok(CorsOrigins::Any));
        let listed = CorsOrigins::parse("https://Dash.example.org, http://localhost:3000").unwrap();
        assert_eq!(listed.allow("https://dash.example.org").as_deref(), Some("https://dash.example.org"));
        assert_eq!(listed.allow("http://localhost:3000").as_deref(), Some("http://localhost:3000"));
        assert_eq!(listed.allow("https://evil.example.org"), None);
        assert_eq!(CorsOrigins::Any.allow("https://any.example").as_deref(), Some("*"));
        assert_eq!(CorsOrigins::None.allow("https://dash.example.org"), None);
        for bad in
            ["dash.example.org", "https://dash.example.org/", "ftp://x", "https://*.example.org", "*,https://a.b"]
        {
            assert!(CorsOrigins::parse(bad).is_err(), "{bad}");
        }
    }
}
