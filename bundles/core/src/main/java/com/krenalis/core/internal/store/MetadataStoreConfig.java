package com.krenalis.core.internal.store;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Krenalis metadata store", description = "The PostgreSQL database holding Krenalis' own metadata")
public @interface MetadataStoreConfig {
    @AttributeDefinition(description = "JDBC URL (jdbc:postgresql://host:port/database)")
    String url();

    @AttributeDefinition(description = "Database user")
    String user();

    @AttributeDefinition(name = "Password", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String _password() default "";

    @AttributeDefinition(description = "Maximum pooled connections")
    int maxConnections() default 10;
}
