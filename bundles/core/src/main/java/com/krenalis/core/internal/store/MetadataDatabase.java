package com.krenalis.core.internal.store;

/** The metadata store (organizations, workspaces, keys, ...): a migrated PostgreSQL database. */
public interface MetadataDatabase {

    /**
     * Runs the work in one transaction, committed on return, rolled back on an exception.
     *
     * @throws com.krenalis.api.platform.UnavailableException when the database cannot be reached
     */
    <T> T transaction(Sql<T> work);

    /** Whether the database answers a trivial query within a second. */
    boolean ping();
}
