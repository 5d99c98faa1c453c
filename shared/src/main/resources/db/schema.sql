-- YouTube Chat schema for Xata (Postgres) or any PostgreSQL >= 15 with pgvector.
-- Idempotent: safe to apply again; apply it with `make db-migrate`.
-- Naming: snake_case tables and columns (Postgres' own style; no quoting needed).

CREATE EXTENSION IF NOT EXISTS vector;

-- One row per video, inserted by the web app's back end ({id, youtube_id, url}) and completed by
-- the pipeline.
CREATE TABLE IF NOT EXISTS videos (
  id             text PRIMARY KEY,
  youtube_id     text,
  url            text,
  title          text,
  author         text,
  length_seconds integer,
  description    text,
  thumbnail_url  text,
  publish_date   timestamptz,
  transcript     jsonb,
  chat_enabled   boolean     NOT NULL DEFAULT false,
  status         text        NOT NULL DEFAULT 'pending',
  error          text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- One row per transcript chunk; ids are deterministic ({video id}:{chunk index}) so a replay
-- replaces rather than duplicates.
CREATE TABLE IF NOT EXISTS embeddings (
  id            text PRIMARY KEY,
  video_id      text             NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
  chunk_index   integer          NOT NULL,
  text          text             NOT NULL,
  embedding     vector(1024)     NOT NULL,
  start_seconds double precision NOT NULL,
  end_seconds   double precision NOT NULL,
  UNIQUE (video_id, chunk_index)
);

-- Cosine-distance search over all chunks (Cohere embeddings are compared by cosine similarity).
CREATE INDEX IF NOT EXISTS embeddings_embedding_idx
  ON embeddings USING hnsw (embedding vector_cosine_ops);
