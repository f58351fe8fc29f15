//! tcmatch: a repository of requests for and offers of human-rights technical assistance
//! (UPR recommendations, HRC res. 54/28), and the matcher that pairs them.

pub mod api;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod export;
pub mod heavy_work;
pub mod i18n;
pub mod import_client;
pub mod matcher;
pub mod metrics;
pub mod openapi;
pub mod pages;
pub mod service;
pub mod startup;
pub mod suggest;
pub mod sync;
pub mod telemetry;
