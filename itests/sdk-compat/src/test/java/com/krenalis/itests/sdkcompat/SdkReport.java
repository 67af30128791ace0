package com.krenalis.itests.sdkcompat;

import java.util.List;

/**
 * What an SDK told the test about one run: the messageId it generated for each test event (by index; null where it
 * reported none), the events it failed to deliver and why, and anything that helps explain a failure (its log, the
 * HTTP exchanges it made).
 *
 * @param sdk name and version, e.g. {@code Segment analytics-java 3.5.4}
 */
record SdkReport(String sdk, List<String> messageIds, List<String> failures, List<String> diagnostics) {
}
