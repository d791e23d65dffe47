//! Tests of the whole evolution.
