package com.krenalis.api.profiles;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The write path of identities, for pipelines (event sources and batch imports). Values are converted per the user
 * schema; a value that does not fit is reported against the record, never truncated.
 */
@ProviderType
public interface IdentityStore {

    /** A record that was not written, or a property of it that was rejected. */
    record RecordError(int index, String identityId, String property, String message) {
    }

    /**
     * Inserts or updates identities of one pipeline. A record older than the stored identity ({@code updatedAt}) does
     * not overwrite its values. A known identity absorbs the anonymous identities of its connection whose anonymousId
     * it carries (rule 4).
     *
     * @return the records' errors; a record with an invalid property is written without that property
     */
    List<RecordError> write(long workspaceId, long connectionId, long pipelineId, List<IdentityRecord> records);
}
