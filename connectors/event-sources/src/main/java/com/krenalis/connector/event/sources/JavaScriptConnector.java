package com.krenalis.connector.event.sources;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorKind;
import com.krenalis.api.connector.OriginPolicy;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.settings.SettingField;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.settings.SettingsSpec;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * Websites. The only source with a setting: browsers say which page sent a request (the {@code Origin} header), so a
 * connection can refuse events that another site's pages post with its write key, which is public in the page.
 */
@Component(service = Connector.class)
public final class JavaScriptConnector extends EventSourceConnector implements OriginPolicy {
    static final String ALLOWED_ORIGINS = "allowedOrigins";

    public JavaScriptConnector() {
        super(ConnectorKind.SDK, "javascript", "JavaScript",
                "Events from websites, sent by Segment's @segment/analytics-next or RudderStack's "
                        + "@rudderstack/analytics-js in the browser.",
                "In @segment/analytics-next set cdnURL to the server's base URL and "
                        + "integrations['Segment.io'].apiHost to its host followed by /v1 "
                        + "(e.g. krenalis.example.com/v1); in @rudderstack/analytics-js pass the server's base URL "
                        + "as the data plane URL and as configUrl.",
                SettingsSpec.of(SettingField.string(ALLOWED_ORIGINS, "Allowed origins").maxLength(4096)
                        .matching(AllowedOrigins.PATTERN, "a comma-separated list of origins such as "
                                + "https://www.example.com, http://localhost:3000 or https://*.example.com (scheme, "
                                + "lower-case host and optional port, no path); empty allows every origin")));
    }

    @Override
    public List<FieldError> validate(Settings settings) {
        return settings.string(ALLOWED_ORIGINS).map(AllowedOrigins::problems).orElse(List.of()).stream()
                .map(problem -> new FieldError(ALLOWED_ORIGINS, problem)).toList();
    }

    /** Enforced by the collector on every browser request (one with an Origin header). */
    @Override
    public boolean acceptsOrigin(Settings settings, String origin) {
        return AllowedOrigins.matches(settings.string(ALLOWED_ORIGINS).map(AllowedOrigins::parse).orElse(List.of()), origin);
    }

    @Override
    String readiness(Settings settings) {
        List<String> origins = settings.string(ALLOWED_ORIGINS).map(AllowedOrigins::parse).orElse(List.of());
        return origins.isEmpty()
                ? "Ready to receive events from pages of any website (set allowedOrigins to restrict them)."
                : "Ready to receive events from pages of " + String.join(", ", origins) + ".";
    }
}
