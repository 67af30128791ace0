package com.krenalis.rest.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;

/**
 * Every admin resource carries this: it is a JAX-RS whiteboard resource that is served only once the JSON provider,
 * the error mapper and the API-key filter are registered, so no route is ever reachable without authentication.
 */
@JakartarsResource
@JSONRequired
@JakartarsExtensionSelect({"(" + ApiKeyFilter.EXTENSION_PROPERTY + "=true)", "(" + ErrorMapper.EXTENSION_PROPERTY + "=true)"})
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface AdminResource {
}
