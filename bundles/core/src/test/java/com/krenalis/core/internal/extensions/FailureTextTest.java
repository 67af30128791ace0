package com.krenalis.core.internal.extensions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FailureTextTest {
    @Test
    void theInnermostCauseIsTheReason() {
        String scr = "java.lang.reflect.InvocationTargetException\n"
                + "\tat java.base/jdk.internal.reflect.NativeConstructorAccessorImpl.newInstance0(Native Method)\n"
                + "Caused by: java.lang.IllegalStateException: wrapper\n\tat x.Y.z(Y.java:1)\n"
                + "Caused by: java.lang.RuntimeException: fixture: activation fails on purpose\r\n\tat a.B.<init>(B.java:9)\n";
        assertEquals("java.lang.RuntimeException: fixture: activation fails on purpose", ExtensionCatalogImpl.rootCause(scr));
    }

    @Test
    void withoutACauseTheFirstLineIsTheReason() {
        assertEquals("java.lang.IllegalStateException: no config", ExtensionCatalogImpl.rootCause(
                "java.lang.IllegalStateException: no config\n\tat a.B.c(B.java:1)"));
        assertEquals("unknown error", ExtensionCatalogImpl.rootCause(null));
    }
}
