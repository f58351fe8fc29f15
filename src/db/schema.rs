//! Diesel table definitions, written to match migrations/{sqlite,postgres} (kept in lockstep).
//! Only portable SQL types: Text, Integer, BigInt, Bool, Date, Timestamp (UTC).

diesel::table! {
    states (code) {
        code -> Text,
        alpha2 -> Text,
        name -> Text,
        upr_name -> Text,
        un_status -> Text,
        region -> Text,
        region_code -> Text,
        sub_region -> Text,
        sub_region_code -> Text,
        intermediate_region -> Nullable<Text>,
        intermediate_region_code -> Nullable<Text>,
        regional_group -> Nullable<Text>,
    }
}

diesel::table! {
    theme_groups (slug) {
        slug -> Text,
        label -> Text,
    }
}

diesel::table! {
    themes (slug) {
        slug -> Text,
        label -> Text,
        group_slug -> Text,
        upr_info_label -> Text,
        sdg_goals -> Text,
        synonyms -> Text,
    }
}

diesel::table! {
    reference_data (name) {
        name -> Text,
        checksum -> Text,
    }
}

diesel::table! {
    organizations (id) {
        id -> Text,
        kind -> Text,
        name -> Text,
        country -> Nullable<Text>,
        website -> Nullable<Text>,
        description -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    recommendations (id) {
        id -> Text,
        state_under_review -> Text,
        recommending_state -> Nullable<Text>,
        cycle -> Integer,
        session -> Integer,
        text -> Text,
        response -> Text,
        action_category -> Nullable<Integer>,
        themes -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        suggested_themes -> Text,
    }
}

diesel::table! {
    recommendation_themes (recommendation_id, theme) {
        recommendation_id -> Text,
        theme -> Text,
    }
}

diesel::table! {
    requests (id) {
        id -> Text,
        state -> Text,
        title -> Text,
        description -> Text,
        recommendation_ids -> Text,
        themes -> Text,
        modalities -> Text,
        languages -> Text,
        starts_on -> Nullable<Date>,
        ends_on -> Nullable<Date>,
        budget_min_usd -> Nullable<BigInt>,
        budget_max_usd -> Nullable<BigInt>,
        priority -> Text,
        status -> Text,
        consent_status -> Text,
        consent_updated_at -> Timestamp,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        suggested_themes -> Text,
    }
}

diesel::table! {
    recommendation_generation (id) {
        id -> Integer,
        generation -> BigInt,
    }
}

diesel::table! {
    request_themes (request_id, theme) {
        request_id -> Text,
        theme -> Text,
    }
}

diesel::table! {
    request_recommendations (request_id, recommendation_id) {
        request_id -> Text,
        recommendation_id -> Text,
    }
}

diesel::table! {
    consent_events (id) {
        id -> Text,
        request_id -> Text,
        status -> Text,
        previous_status -> Nullable<Text>,
        note -> Text,
        recorded_by -> Nullable<Text>,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    offers (id) {
        id -> Text,
        provider_kind -> Text,
        provider_id -> Text,
        title -> Text,
        description -> Text,
        themes -> Text,
        modalities -> Text,
        languages -> Text,
        is_global -> Bool,
        countries -> Text,
        regions -> Text,
        starts_on -> Nullable<Date>,
        ends_on -> Nullable<Date>,
        capacity -> Integer,
        budget_usd -> Nullable<BigInt>,
        status -> Text,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        suggested_themes -> Text,
        iati_identifier -> Nullable<Text>,
    }
}

diesel::table! {
    offer_themes (offer_id, theme) {
        offer_id -> Text,
        theme -> Text,
    }
}

diesel::table! {
    offer_areas (offer_id, area) {
        offer_id -> Text,
        area -> Text,
    }
}

diesel::table! {
    web_sessions (secret_hash) {
        secret_hash -> Text,
        key_id -> Text,
        csrf_token -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    api_keys (id) {
        id -> Text,
        prefix -> Text,
        secret_hash -> Text,
        role -> Text,
        state -> Nullable<Text>,
        organization_id -> Nullable<Text>,
        label -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    audit_events (id) {
        id -> Text,
        at -> Timestamp,
        actor_key_id -> Nullable<Text>,
        actor_role -> Text,
        actor_state -> Nullable<Text>,
        actor_organization_id -> Nullable<Text>,
        action -> Text,
        resource -> Text,
        resource_id -> Text,
        owner_state -> Nullable<Text>,
        changes -> Text,
        request_id -> Nullable<Text>,
    }
}

diesel::table! {
    engagements (id) {
        id -> Text,
        request_id -> Text,
        offer_id -> Text,
        initiated_by -> Text,
        status -> Text,
        outcome -> Nullable<Text>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        iati_identifier -> Nullable<Text>,
    }
}

diesel::table! {
    engagement_events (id) {
        id -> Text,
        engagement_id -> Text,
        from_status -> Nullable<Text>,
        to_status -> Text,
        side -> Text,
        recorded_by -> Nullable<Text>,
        note -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    changes (seq) {
        seq -> BigInt,
        entity -> Text,
        entity_id -> Text,
        tx -> BigInt,
    }
}

diesel::table! {
    /// SQLite only: each recommendation's key in its full-text index, in the order stored.
    recommendation_search (key) {
        key -> BigInt,
        id -> Text,
    }
}

diesel::table! {
    idempotency_keys (actor, endpoint, idempotency_key) {
        actor -> Text,
        endpoint -> Text,
        idempotency_key -> Text,
        request_hash -> Text,
        status -> Integer,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    webhooks,
    webhook_deliveries,
    webhook_matches,
    import_jobs,
    recommendation_search,
    idempotency_keys,
    engagements,
    engagement_events,
    changes,
    api_keys,
    web_sessions,
    audit_events,
    states,
    theme_groups,
    themes,
    reference_data,
    organizations,
    recommendations,
    recommendation_themes,
    recommendation_generation,
    requests,
    request_themes,
    request_recommendations,
    consent_events,
    offers,
    offer_themes,
    offer_areas,
);

diesel::joinable!(web_sessions -> api_keys (key_id));
diesel::joinable!(webhooks -> api_keys (key_id));

diesel::table! {
    import_jobs (id) {
        id -> Text,
        kind -> Text,
        key_id -> Text,
        status -> Text,
        rows_total -> Nullable<BigInt>,
        rows_done -> BigInt,
        result -> Nullable<Text>,
        problem -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    webhooks (id) {
        id -> Text,
        key_id -> Text,
        url -> Text,
        secret -> Text,
        events -> Text,
        min_score -> Double,
        created_at -> Timestamp,
        removed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> Text,
        webhook_id -> Text,
        event -> Text,
        payload -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        last_status -> Nullable<Integer>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    webhook_matches (webhook_id, request_id, offer_id) {
        webhook_id -> Text,
        request_id -> Text,
        offer_id -> Text,
    }
}
