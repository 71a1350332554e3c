-- Quotecast's shared state for several replicas (state.url). Without state.url none of this is used:
-- one process keeps the same things in files under state.dir.

-- Replicas say every few seconds that they are alive; a claim whose replica stopped saying so is
-- settled by another (state.replicaTimeout).
CREATE TABLE quotecast_replicas (
    id         text PRIMARY KEY,
    host       text NOT NULL,
    started_at timestamptz NOT NULL,
    seen_at    timestamptz NOT NULL
);

-- When the daily-post ledger began: nothing due earlier is owed.
CREATE TABLE quotecast_meta (
    name  text PRIMARY KEY,
    value text NOT NULL
);

-- Daily posts set from chat: one per channel.
CREATE TABLE quotecast_chat_schedules (
    platform text NOT NULL,
    channel  text NOT NULL,
    at_time  text NOT NULL,          -- HH:MM, local
    zone     text NOT NULL,          -- IANA id
    post     text NOT NULL,          -- advice | quote:TOPIC
    added_by text NOT NULL,
    added_at timestamptz NOT NULL,
    PRIMARY KEY (platform, channel)
);

-- When each schedule from the configuration was first seen: no catch-up from before that.
CREATE TABLE quotecast_known_since (
    target_id text PRIMARY KEY,
    since     timestamptz NOT NULL
);

-- The exactly-once ledger: one row per target and local date, so one claim wins. Claims and
-- results are compare-and-set updates of this row.
CREATE TABLE quotecast_daily_posts (
    target_id  text NOT NULL,
    local_date date NOT NULL,
    status     text NOT NULL CHECK (status IN ('CLAIMED', 'RETRY', 'DONE', 'FAILED', 'SKIPPED', 'UNKNOWN')),
    attempts   integer NOT NULL,
    updated    timestamptz NOT NULL,
    retry_at   timestamptz,
    moment_key text,
    detail     text NOT NULL DEFAULT '',
    claimed_by text,
    PRIMARY KEY (target_id, local_date)
);
CREATE INDEX quotecast_daily_posts_date ON quotecast_daily_posts (local_date);

-- The quotes each channel has received, so a channel does not get one twice until the topic runs out.
CREATE TABLE quotecast_posted_quotes (
    channel_key text NOT NULL,
    moment_key  text NOT NULL,
    seq         bigserial,
    PRIMARY KEY (channel_key, moment_key)
);

-- Slack Events API deliveries taken on, by event_id: a retry to another replica is not answered twice.
CREATE TABLE quotecast_slack_events (
    event_id   text PRIMARY KEY,
    expires_at timestamptz NOT NULL
);
CREATE INDEX quotecast_slack_events_expiry ON quotecast_slack_events (expires_at);

-- Discord button ids too long for custom_id, under the short key the button carries.
CREATE TABLE quotecast_discord_buttons (
    key        text PRIMARY KEY,
    payload    text NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX quotecast_discord_buttons_expiry ON quotecast_discord_buttons (expires_at);

-- A distributed Slack app's installs (Bolt's Bot and Installer, as Bolt writes them in JSON):
-- bot tokens per workspace or organisation ('' for an absent id). They are secrets: protect this
-- database as you would the tokens.
CREATE TABLE quotecast_slack_bots (
    enterprise_key text NOT NULL,
    team_key       text NOT NULL,
    installed_at   timestamptz NOT NULL,
    data           text NOT NULL,
    PRIMARY KEY (enterprise_key, team_key)
);
CREATE TABLE quotecast_slack_installers (
    enterprise_key text NOT NULL,
    team_key       text NOT NULL,
    user_key       text NOT NULL,    -- '' holds the latest installer of the workspace
    installed_at   timestamptz NOT NULL,
    data           text NOT NULL,
    PRIMARY KEY (enterprise_key, team_key, user_key)
);

-- OAuth state values handed out by /slack/install, checked once at /slack/oauth_redirect.
CREATE TABLE quotecast_slack_oauth_states (
    state      text PRIMARY KEY,
    expires_at timestamptz NOT NULL
);
