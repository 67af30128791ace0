package com.krenalis.connector.csv;

import com.krenalis.conformance.Fixture;
import com.krenalis.connector.format.support.FormatBundleCheck;
import org.junit.jupiter.api.Test;

/**
 * The packaged bundle, alone, in a real Felix with SCR: it resolves (every import it needs is the API's, the JDK's, or
 * optional), its component activates, and the connector reads and writes through the libraries it embeds.
 */
class BundleIT {

    @Test
    void theBundleResolvesActivatesReadsAndWrites() throws Exception {
        FormatBundleCheck.run("csv", String.join("\r\n", CsvConformanceTest.lines(Fixture.users())).getBytes(java.nio.charset.StandardCharsets.UTF_8), 0);
    }
}
