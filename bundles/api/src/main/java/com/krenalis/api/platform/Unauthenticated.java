package com.krenalis.api.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a JAX-RS resource class or method of the server's HTTP API that the admin API-key filter must not guard:
 * it is public (health) or authenticates by other means (the event collector, by write key). Every route without it
 * requires an admin API key.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Unauthenticated {
}
