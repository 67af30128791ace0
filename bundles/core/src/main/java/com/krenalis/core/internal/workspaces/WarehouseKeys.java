package com.krenalis.core.internal.workspaces;

import com.krenalis.api.settings.SettingField;
import com.krenalis.api.settings.SettingKind;
import com.krenalis.api.settings.Settings;
import java.util.Map;
import java.util.TreeMap;

/** Identifies the warehouse a workspace points at, so that two workspaces never share one namespace. */
final class WarehouseKeys {
    private WarehouseKeys() {
    }

    /** The driver and its address settings, without namespace, pool size or credentials. */
    static String of(String driver, Settings settings) {
        Map<String, Object> identity = new TreeMap<>(settings.toMap(true));
        for (SettingField f : settings.spec().fields()) {
            if (f.kind() == SettingKind.SECRET || f.kind() == SettingKind.INTEGER && !f.name().equals("port")
                    || f.name().equals("schema") || f.name().equals("user")) {
                identity.remove(f.name());
            }
        }
        return driver + ":" + identity;
    }
}
