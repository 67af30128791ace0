package com.krenalis.api.connector;

/** What a connector connects to; a connector may be of several kinds. */
public enum ConnectorKind {
    /** A SaaS application reached over its API (a CRM, an email tool, ...). */
    APPLICATION,
    /** A database read by query and written by statements. */
    DATABASE,
    /** A file format (CSV, JSON, Parquet, Excel): turns bytes into records and back. */
    FILE_FORMAT,
    /** A place files live in (local disk, HTTP, S3, SFTP). */
    FILE_STORAGE,
    /** An event source speaking the tracking protocol through an SDK (JavaScript, Android, iOS, ...). */
    SDK,
    /** An event source that receives events pushed by another system (Segment, RudderStack, ...). */
    WEBHOOK
}
