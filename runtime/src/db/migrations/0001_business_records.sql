-- Durable business records: contacts, the consent ledger, segments, activity, campaigns and their
-- per-recipient records, marketing sends (frequency caps), suppressions, imports and the audit log.
-- Every row carries its tenant. Times are Unix milliseconds (bigint).

CREATE TABLE contacts (
  tenant text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  channel text NOT NULL CHECK (channel IN ('whatsapp', 'messenger', 'instagram')),
  -- WhatsApp: E.164 with '+'; Messenger / Instagram: the scoped id.
  address text NOT NULL,
  name text,
  language text,
  timezone text,
  tags text[] NOT NULL DEFAULT '{}',
  fields jsonb NOT NULL DEFAULT '{}',
  first_seen_at bigint,
  last_seen_at bigint,
  last_inbound_at bigint,
  source text NOT NULL DEFAULT 'message' CHECK (source IN ('message', 'import', 'api')),
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (tenant, id),
  UNIQUE (tenant, channel, address)
);
CREATE INDEX contacts_tags ON contacts USING gin (tags);
CREATE INDEX contacts_fields ON contacts USING gin (fields jsonb_path_ops);
CREATE INDEX contacts_last_inbound ON contacts (tenant, last_inbound_at);
CREATE INDEX contacts_created ON contacts (tenant, created_at, id);
CREATE INDEX contacts_name ON contacts (tenant, lower(name));

CREATE TABLE contact_fields (
  tenant text NOT NULL,
  key text NOT NULL,
  label text NOT NULL,
  type text NOT NULL CHECK (type IN ('text', 'number', 'date', 'boolean', 'choice')),
  choices jsonb,
  position integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant, key)
);

CREATE TABLE consent_events (
  tenant text NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  contact_id uuid NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('marketing', 'utility')),
  action text NOT NULL CHECK (action IN ('opt_in', 'opt_out')),
  channel text NOT NULL,
  source text NOT NULL CHECK (source IN ('import', 'flow', 'keyword', 'button', 'meta', 'agent', 'api')),
  source_detail jsonb NOT NULL DEFAULT '{}',
  wording text,
  recorded_by text NOT NULL,
  at bigint NOT NULL,
  PRIMARY KEY (tenant, id),
  FOREIGN KEY (tenant, contact_id) REFERENCES contacts (tenant, id) ON DELETE CASCADE
);
CREATE INDEX consent_events_contact ON consent_events (tenant, contact_id, at);

-- The current state per purpose: written in the same transaction as its event.
CREATE TABLE consent_state (
  tenant text NOT NULL,
  contact_id uuid NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('marketing', 'utility')),
  status text NOT NULL CHECK (status IN ('opted_in', 'opted_out')),
  at bigint NOT NULL,
  event_id bigint NOT NULL,
  PRIMARY KEY (tenant, contact_id, purpose),
  FOREIGN KEY (tenant, contact_id) REFERENCES contacts (tenant, id) ON DELETE CASCADE
);
CREATE INDEX consent_state_purpose ON consent_state (tenant, purpose, status);

-- An erased person: only a hash of the address, so an old import cannot bring them back.
CREATE TABLE suppressions (
  tenant text NOT NULL,
  channel text NOT NULL,
  address_hash text NOT NULL,
  reason text NOT NULL,
  at bigint NOT NULL,
  PRIMARY KEY (tenant, channel, address_hash)
);

-- What contacts did, for segments ("entered flow X", "reached node Y", "clicked Z in campaign C") and the timeline.
CREATE TABLE contact_activity (
  tenant text NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  contact_id uuid NOT NULL,
  kind text NOT NULL,
  flow_id text,
  node_id text,
  campaign_id text,
  value text,
  at bigint NOT NULL,
  PRIMARY KEY (tenant, id),
  FOREIGN KEY (tenant, contact_id) REFERENCES contacts (tenant, id) ON DELETE CASCADE
);
CREATE INDEX contact_activity_contact ON contact_activity (tenant, contact_id, at);
CREATE INDEX contact_activity_flow ON contact_activity (tenant, kind, flow_id, node_id, contact_id);
CREATE INDEX contact_activity_campaign ON contact_activity (tenant, campaign_id, kind, contact_id) WHERE campaign_id IS NOT NULL;

CREATE TABLE segments (
  tenant text NOT NULL,
  id text NOT NULL,
  name text NOT NULL,
  filter jsonb NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (tenant, id)
);

CREATE TABLE campaigns (
  tenant text NOT NULL,
  id text NOT NULL,
  name text NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled')),
  segment_id text,
  filter jsonb,
  schedule jsonb NOT NULL,
  rate_share double precision NOT NULL DEFAULT 0.5,
  variants jsonb NOT NULL,
  goal jsonb,
  ends_at bigint,
  parent_id text,
  paused_reason text,
  audience_size integer,
  created_by text NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  started_at bigint,
  finished_at bigint,
  next_run_at bigint,
  PRIMARY KEY (tenant, id)
);
CREATE INDEX campaigns_status ON campaigns (status, next_run_at);

CREATE TABLE campaign_recipients (
  tenant text NOT NULL,
  campaign_id text NOT NULL,
  contact_id uuid NOT NULL,
  variant text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'suppressed', 'queued', 'sent', 'delivered', 'read', 'failed')),
  -- suppressed: the SuppressionReason; failed: the Graph error class
  reason text,
  error_code integer,
  -- The fan-out starts it at or after this time (the schedule in the contact's time zone, quiet hours).
  due_at bigint NOT NULL,
  queued_at bigint,
  sent_at bigint,
  delivered_at bigint,
  read_at bigint,
  replied_at bigint,
  clicked_at bigint,
  opted_out_at bigint,
  converted_at bigint,
  failed_at bigint,
  message_id text,
  PRIMARY KEY (tenant, campaign_id, contact_id),
  FOREIGN KEY (tenant, campaign_id) REFERENCES campaigns (tenant, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant, contact_id) REFERENCES contacts (tenant, id) ON DELETE CASCADE
);
CREATE INDEX campaign_recipients_due ON campaign_recipients (tenant, campaign_id, status, due_at);
CREATE INDEX campaign_recipients_contact ON campaign_recipients (tenant, contact_id, queued_at);
CREATE INDEX campaign_recipients_message ON campaign_recipients (message_id) WHERE message_id IS NOT NULL;

-- Marketing messages that left, per contact: the frequency caps count these (checked and written in one transaction).
CREATE TABLE marketing_sends (
  tenant text NOT NULL,
  contact_id uuid NOT NULL,
  at bigint NOT NULL,
  conversation text NOT NULL,
  message_key text NOT NULL,
  campaign_id text,
  PRIMARY KEY (tenant, contact_id, message_key),
  FOREIGN KEY (tenant, contact_id) REFERENCES contacts (tenant, id) ON DELETE CASCADE
);
CREATE INDEX marketing_sends_window ON marketing_sends (tenant, contact_id, at);

-- Marketing sends the send plane refused, with the reason (campaign ones are also on their recipient row).
CREATE TABLE suppressed_sends (
  tenant text NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  contact_id uuid,
  conversation text NOT NULL,
  message_key text NOT NULL,
  reason text NOT NULL,
  campaign_id text,
  template text,
  at bigint NOT NULL,
  PRIMARY KEY (tenant, id),
  FOREIGN KEY (tenant, contact_id) REFERENCES contacts (tenant, id) ON DELETE CASCADE
);
CREATE INDEX suppressed_sends_contact ON suppressed_sends (tenant, contact_id, at);

CREATE TABLE contact_imports (
  tenant text NOT NULL,
  id text NOT NULL,
  report jsonb NOT NULL,
  created_by text NOT NULL,
  at bigint NOT NULL,
  PRIMARY KEY (tenant, id)
);

CREATE TABLE audit_log (
  tenant text NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  at bigint NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  subject text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (tenant, id)
);
CREATE INDEX audit_log_subject ON audit_log (tenant, subject, at);
