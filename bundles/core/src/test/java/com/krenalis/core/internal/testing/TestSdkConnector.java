package com.krenalis.core.internal.testing;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorKind;
import com.krenalis.api.connector.ConnectorSpec;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.settings.SettingField;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.settings.SettingsSpec;
import java.util.List;
import java.util.Set;

/** A small event-source connector with a secret and a cross-field rule, to exercise connections in core tests. */
public final class TestSdkConnector implements Connector {
    private static final ConnectorSpec SPEC = new ConnectorSpec("test-sdk", "Test SDK", Set.of(ConnectorKind.SDK),
            "An SDK source for tests", SettingsSpec.of(
            SettingField.string("origin", "Origin").matching("https://[a-z.]+", "an https origin"),
            SettingField.secret("signingSecret", "Signing secret"),
            SettingField.bool("signed", "Signed requests")));

    @Override
    public ConnectorSpec spec() {
        return SPEC;
    }

    @Override
    public List<FieldError> validate(Settings settings) {
        return settings.bool("signed") && settings.string("signingSecret").isEmpty()
                ? List.of(new FieldError("signingSecret", "is required for signed requests")) : List.of();
    }
}
