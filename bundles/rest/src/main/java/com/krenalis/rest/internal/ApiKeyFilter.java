package com.krenalis.rest.internal;

import com.krenalis.api.platform.Unauthenticated;
import static java.util.Objects.requireNonNull;

import com.krenalis.api.platform.ApiKeyService;
import com.krenalis.api.platform.Principal;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import java.lang.reflect.Method;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;

/**
 * Authenticates every admin request by {@code Authorization: Bearer <api key>} unless the resource method is
 * {@link Unauthenticated}; a missing or wrong key is a 401 with a JSON error. Also marks admin responses as not cacheable.
 */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class},
        property = ApiKeyFilter.EXTENSION_PROPERTY + "=true")
@JakartarsExtension
@Priority(Priorities.AUTHENTICATION)
public final class ApiKeyFilter implements ContainerRequestFilter, ContainerResponseFilter {
    static final String EXTENSION_PROPERTY = "krenalis.rest.auth";
    /**
     * Every admin resource selects this extension, so that it is served only once the filter is in place: no route is
     * ever reachable unauthenticated. {@code ResourceWhiteboardTest} checks that every resource does.
     */
    static final String SELECT = "(" + EXTENSION_PROPERTY + "=true)";
    private static final String PRINCIPAL = Principal.class.getName();

    private final ApiKeyService keys;

    @Context
    private ResourceInfo resourceInfo;

    @Activate
    public ApiKeyFilter(@Reference ApiKeyService keys) {
        this.keys = requireNonNull(keys);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        if (method != null && (method.isAnnotationPresent(Unauthenticated.class)
                || method.getDeclaringClass().isAnnotationPresent(Unauthenticated.class))) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            throw new ApiError(401, "unauthorized", "missing API key: send Authorization: Bearer <api key>");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiError(401, "unauthorized", "the Authorization header must be: Bearer <api key>");
        }
        Optional<Principal> principal = keys.authenticate(header.substring(7).trim());
        request.setProperty(PRINCIPAL, principal.orElseThrow(
                () -> new ApiError(401, "unauthorized", "invalid API key")));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        if (response.getStatus() == 401 && request.hasEntity()) {
            // The body of a refused request is never read, so the server drops the connection after answering: say
            // so, or a client reusing the connection sees its next request fail.
            response.getHeaders().putSingle("Connection", "close");
        }
    }

    /** The authenticated caller; resources call this only behind the filter. */
    static Principal principal(ContainerRequestContext request) {
        Object p = request.getProperty(PRINCIPAL);
        if (p == null) {
            throw new ApiError(401, "unauthorized", "missing API key");
        }
        return (Principal) p;
    }
}
