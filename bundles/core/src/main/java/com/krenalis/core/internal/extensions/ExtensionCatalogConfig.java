package com.krenalis.core.internal.extensions;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Krenalis extension catalog")
public @interface ExtensionCatalogConfig {
    @AttributeDefinition(description = "Seconds an extension may take to activate before it is reported as failed")
    int activationTimeoutSeconds() default 10;

    @AttributeDefinition(description = "Seconds after a bundle's install or update during which a not-yet-active bundle "
            + "is in transition, not failed (FileInstall installs, resolves and starts within about a second)")
    int transitionGraceSeconds() default 5;

    @AttributeDefinition(description = "Seconds a look-up of a connector or engine waits, during start-up, for the "
            + "launcher to start them (it does once the server is ready)")
    int extensionStartWaitSeconds() default 30;
}
