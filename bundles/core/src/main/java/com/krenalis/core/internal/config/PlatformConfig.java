package com.krenalis.core.internal.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Server-wide settings, from the launcher's configuration (PID {@value PlatformConfig#PID}). */
@ObjectClassDefinition(name = "Krenalis platform", description = "Default warehouse, secrets key, initial admin key")
public @interface PlatformConfig {
    String PID = "com.krenalis.core.platform";

    @AttributeDefinition(description = "JDBC URL of the default warehouse (PostgreSQL)")
    String warehouseUrl();

    @AttributeDefinition(description = "User of the default warehouse")
    String warehouseUser();

    @AttributeDefinition(type = AttributeType.PASSWORD)
    String _warehousePassword() default "";

    @AttributeDefinition(description = "Base64 AES-256 key that encrypts secrets at rest", type = AttributeType.PASSWORD)
    String _secretKey();

    @AttributeDefinition(description = "Initial admin API key (ensured present at start); empty to generate one on first start",
            type = AttributeType.PASSWORD)
    String _adminKey() default "";

    @AttributeDefinition(description = "Base URL the server is reached at, for the start-up banner")
    String publicUrl() default "http://localhost:8080";
}
