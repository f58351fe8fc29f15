//! Integration tests: the real service over real HTTP, on SQLite and (when configured)
//! PostgreSQL. One test binary, so it is linked once.

mod fixtures;
mod helpers;
mod iati;
mod imports;

mod access;
mod agency_client;
mod browser;
mod bulk;
mod changes;
mod consent;
mod errors;
mod exports;
mod instances;
mod languages;
mod limits;
mod matching;
mod offers;
mod openapi;
mod operations;
mod organizations;
mod pages;
mod recommendations;
mod reference_data;
mod requests;
mod signed_in;
mod storage;
mod suggestions;
mod webhooks;
