package com.krenalis.core.internal.testing;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.ConnectorKind;
import com.krenalis.api.connector.ConnectorSpec;
import com.krenalis.api.connector.FileStorage;
import com.krenalis.api.settings.SettingField;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.settings.SettingsSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;

/** A file storage ({@code test-files}) over a directory named by the {@code root} setting; the core's tests put files there. */
public final class TestFiles implements Connector, FileStorage {
    private static final ConnectorSpec SPEC = new ConnectorSpec("test-files", "Test files", Set.of(ConnectorKind.FILE_STORAGE),
            "Files of a test directory", SettingsSpec.of(SettingField.string("root", "Root").asRequired()));

    @Override
    public ConnectorSpec spec() {
        return SPEC;
    }

    @Override
    public InputStream open(Settings settings, String path) throws ConnectorException {
        Path root = Path.of(settings.requireString("root")).normalize();
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root)) {
            throw new ConnectorException("path " + path + " leaves the root");
        }
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new ConnectorException("no file " + path);
        } catch (IOException e) {
            throw new ConnectorException("cannot open " + path + ": " + e.getMessage(), e);
        }
    }
}
