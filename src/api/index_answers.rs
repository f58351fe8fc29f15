//! Answers drawn from the whole matcher index (`GET /matches`, `GET /stats/themes`), kept by a
//! key normalised from their parsed query and what they depend on, within a byte budget, least
//! recently used out, so a poll repeats no work. ETags name the content, so every instance with
//! the same data gives the same one.

use std::sync::{Mutex, MutexGuard};

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use lru::LruCache;

use super::http;
use crate::domain::fnv::fnv1a;

/// Bytes of answers kept.
const ANSWER_BYTES: usize = 32 << 20;

/// One kept answer: its body and the tag of its content.
#[derive(Debug, Clone)]
pub struct Answer {
    etag: String,
    body: Bytes,
}

pub struct IndexAnswers {
    answers: Mutex<Answers>,
}

struct Answers {
    kept: LruCache<String, Answer>,
    bytes: usize,
}

impl Default for IndexAnswers {
    fn default() -> Self {
        IndexAnswers { answers: Mutex::new(Answers { kept: LruCache::unbounded(), bytes: 0 }) }
    }
}

impl IndexAnswers {
    /// The answer kept for `key`, if any.
    pub fn get(&self, key: &str) -> Option<Answer> {
        locked(&self.answers).kept.get(key).cloned()
    }

    /// Keeps a new answer, dropping the least recently used past the byte budget.
    pub fn keep(&self, key: String, body: Vec<u8>) -> Answer {
        let answer = Answer { etag: format!("\"{:016x}\"", fnv1a(&body)), body: Bytes::from(body) };
        let mut answers = locked(&self.answers);
        answers.bytes += answer.body.len() + key.len();
        if let Some(old) = answers.kept.put(key.clone(), answer.clone()) {
            answers.bytes -= old.body.len() + key.len();
        }
        while answers.bytes > ANSWER_BYTES {
            let Some((k, old)) = answers.kept.pop_lru() else { break };
            answers.bytes -= old.body.len() + k.len();
        }
        answer
    }
}

impl Answer {
    /// 200 with the body, or 304 when `If-None-Match` names it.
    pub fn respond(&self, req: &HttpRequest) -> HttpResponse {
        http::not_modified(req, &self.etag).unwrap_or_else(|| {
            HttpResponse::Ok()
                .insert_header((header::ETAG, self.etag.clone()))
                .insert_header((header::CACHE_CONTROL, "no-cache"))
                .content_type("application/json")
                .body(self.body.clone())
        })
    }
}

fn locked<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_stay_within_their_byte_budget_least_recently_used_out() {
        let cache = IndexAnswers::default();
        let chunk = ANSWER_BYTES / 4;
        for key in ["a", "b", "c"] {
            cache.keep(key.into(), vec![b'x'; chunk]);
        }
        assert!(cache.get("a").is_some(), "a is now the most recently used");
        cache.keep("d".into(), vec![b'y'; chunk]);
        cache.keep("e".into(), vec![b'z'; chunk]);
        assert!(cache.get("b").is_none(), "the least recently used went first");
        assert!(cache.get("a").is_some() && cache.get("e").is_some());
        assert!(locked(&cache.answers).bytes <= ANSWER_BYTES);
    }

    #[test]
    fn the_same_content_has_the_same_tag() {
        let cache = IndexAnswers::default();
        let a = cache.keep("one".into(), b"{}".to_vec());
        let b = cache.keep("two".into(), b"{}".to_vec());
        assert_eq!(a.etag, b.etag);
    }
}
