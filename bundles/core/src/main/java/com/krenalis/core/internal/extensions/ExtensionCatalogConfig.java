package com.krenalis.core.internal.extensions;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Krenalis extension catalog")
public @interface ExtensionCatalogConfig {
    @AttributeDefinition(description = "Seconds an extension may take to activate before it is reported as failed")
    int activationTimeoutSeconds() default 10;
}
