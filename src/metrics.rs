//! Prometheus metrics at `/metrics`: requests by method, route and status, a latency
//! histogram, the matcher index and the connection pool. Counted per instance.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::Duration;

/// Upper bounds (seconds) of the latency histogram's buckets.
const BUCKETS: [f64; 11] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0];

#[derive(Default)]
pub struct Metrics {
    inner: Mutex<Counts>,
}

#[derive(Default)]
struct Counts {
    requests: BTreeMap<(String, String, u16), u64>,
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum_seconds: f64,
}

/// Point-in-time values read when metrics are scraped.
pub struct Gauges {
    pub index_offers: usize,
    /// Consented requests only: the existence of others is theirs to publish.
    pub index_consented_requests: usize,
    pub index_generation: u64,
    pub index_checks: u64,
    pub index_disagreements: u64,
    pub index_offer_drift: i64,
    pub index_request_drift: i64,
    /// Offers in the offer listing, once it is loaded.
    pub listing_offers: Option<usize>,
    pub pool_connections: u32,
    pub pool_idle: u32,
}

impl Metrics {
    /// Counts one answered request; `route` is the matched pattern (`/api/v1/requests/{id}`),
    /// so ids do not multiply the series.
    pub fn observe(&self, method: &str, route: &str, status: u16, elapsed: Duration) {
        let mut c = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        *c.requests.entry((method.to_string(), route.to_string(), status)).or_default() += 1;
        let seconds = elapsed.as_secs_f64();
        for (bucket, bound) in c.buckets.iter_mut().zip(BUCKETS) {
            if seconds <= bound {
                *bucket += 1;
            }
        }
        c.count += 1;
        c.sum_seconds += seconds;
    }

    /// The Prometheus text exposition.
    pub fn render(&self, gauges: &Gauges) -> String {
        let c = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let mut out = String::new();
        out.push_str("# HELP tcmatch_http_requests_total Requests answered, by method, route and status.\n");
        out.push_str("# TYPE tcmatch_http_requests_total counter\n");
        for ((method, route, status), n) in &c.requests {
            let _ = writeln!(
                out,
                "tcmatch_http_requests_total{{method=\"{method}\",route=\"{route}\",status=\"{status}\"}} {n}"
            );
        }
        out.push_str("# HELP tcmatch_http_request_duration_seconds Time to answer a request.\n");
        out.push_str("# TYPE tcmatch_http_request_duration_seconds histogram\n");
        for (bound, n) in BUCKETS.iter().zip(c.buckets) {
            let _ = writeln!(out, "tcmatch_http_request_duration_seconds_bucket{{le=\"{bound}\"}} {n}");
        }
        let _ = writeln!(out, "tcmatch_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}", c.count);
        let _ = writeln!(out, "tcmatch_http_request_duration_seconds_sum {}", c.sum_seconds);
        let _ = writeln!(out, "tcmatch_http_request_duration_seconds_count {}", c.count);
        let gauge = |out: &mut String, name: &str, help: &str, value: String| {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}");
        };
        gauge(&mut out, "tcmatch_index_offers", "Open offers in the matcher index.", gauges.index_offers.to_string());
        gauge(
            &mut out,
            "tcmatch_index_consented_requests",
            "Open requests with granted consent in the matcher index.",
            gauges.index_consented_requests.to_string(),
        );
        gauge(
            &mut out,
            "tcmatch_index_generation",
            "Changes applied to the matcher index.",
            gauges.index_generation.to_string(),
        );
        let counter = |out: &mut String, name: &str, help: &str, value: u64| {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}");
        };
        counter(
            &mut out,
            "tcmatch_index_checks_total",
            "Checks of the matcher index against the database's counts.",
            gauges.index_checks,
        );
        counter(
            &mut out,
            "tcmatch_index_check_disagreements_total",
            "Checks that found the index and the database disagreeing (each followed by a rebuild).",
            gauges.index_disagreements,
        );
        let _ = writeln!(
            out,
            "# HELP tcmatch_index_drift Records the database holds beyond the matcher index at the last check \
             (0 when they agree).\n# TYPE tcmatch_index_drift gauge\n\
             tcmatch_index_drift{{entity=\"offer\"}} {}\ntcmatch_index_drift{{entity=\"request\"}} {}",
            gauges.index_offer_drift, gauges.index_request_drift
        );
        gauge(
            &mut out,
            "tcmatch_listing_ready",
            "1 once the offer listing is loaded (until then offer lists are read from storage).",
            u8::from(gauges.listing_offers.is_some()).to_string(),
        );
        gauge(
            &mut out,
            "tcmatch_listing_offers",
            "Offers in the offer listing.",
            gauges.listing_offers.unwrap_or(0).to_string(),
        );
        gauge(
            &mut out,
            "tcmatch_db_pool_connections",
            "Open database connections.",
            gauges.pool_connections.to_string(),
        );
        gauge(&mut out, "tcmatch_db_pool_idle", "Idle database connections.", gauges.pool_idle.to_string());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counts_and_cumulative_buckets() {
        let m = Metrics::default();
        m.observe("GET", "/api/v1/requests/{id}", 200, Duration::from_millis(3));
        m.observe("GET", "/api/v1/requests/{id}", 200, Duration::from_millis(30));
        m.observe("POST", "/api/v1/requests", 422, Duration::from_millis(2));
        let gauges = Gauges {
            index_offers: 5,
            index_consented_requests: 2,
            index_generation: 9,
            index_checks: 4,
            index_disagreements: 1,
            index_offer_drift: -1,
            index_request_drift: 0,
            listing_offers: Some(7),
            pool_connections: 3,
            pool_idle: 2,
        };
        let text = m.render(&gauges);
        assert!(text
            .contains("tcmatch_http_requests_total{method=\"GET\",route=\"/api/v1/requests/{id}\",status=\"200\"} 2"));
        assert!(text.contains("tcmatch_http_request_duration_seconds_bucket{le=\"0.005\"} 2"));
        assert!(text.contains("tcmatch_http_request_duration_seconds_bucket{le=\"+Inf\"} 3"));
        assert!(text.contains("tcmatch_index_offers 5"));
        assert!(text.contains("tcmatch_index_drift{entity=\"offer\"} -1\n"));
        assert!(text.contains("tcmatch_index_check_disagreements_total 1\n"));
        assert!(text.contains("tcmatch_listing_offers 7\n"));
    }
}
