package com.krenalis.rest.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.krenalis.api.platform.ConflictException;
import com.krenalis.api.platform.ForbiddenException;
import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.platform.NotFoundException;
import com.krenalis.api.platform.PlatformException;
import com.krenalis.api.platform.UnavailableException;
import com.krenalis.api.settings.FieldError;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error of the admin API as {@code {"error":{"code":..,"message":..,"fields":[..]}}} with the right status.
 * Unexpected exceptions are logged with a reference and answered 500 without internals.
 */
@Component(service = ExceptionMapper.class, property = ErrorMapper.EXTENSION_PROPERTY + "=true")
@JakartarsExtension
public final class ErrorMapper implements ExceptionMapper<Throwable> {
    static final String EXTENSION_PROPERTY = "krenalis.rest.errors";
    static final String SELECT = "(" + EXTENSION_PROPERTY + "=true)";
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof ApiError a) {
            return error(a.status(), a.code(), a.getMessage(), a.field() == null ? List.of() : List.of(new FieldError(a.field(), a.getMessage())));
        }
        if (e instanceof InvalidInputException i) {
            return error(400, i.code(), i.getMessage(), i.errors());
        }
        if (e instanceof PlatformException p) {
            int status = p instanceof NotFoundException ? 404 : p instanceof ConflictException ? 409
                    : p instanceof ForbiddenException ? 403 : p instanceof UnavailableException ? 503 : 400;
            Response r = error(status, p.code(), p.getMessage(), List.of());
            return status == 503 ? Response.fromResponse(r).header("Retry-After", "5").build() : r;
        }
        if (e instanceof JsonProcessingException j) {
            return json(j);
        }
        if (e instanceof WebApplicationException w) {
            int status = w.getResponse().getStatus();
            if (w.getCause() instanceof JsonProcessingException j) {
                return json(j);
            }
            return error(status, codeOf(status), w.getMessage(), List.of());
        }
        String reference = UUID.randomUUID().toString();
        LOG.error("Unexpected error (reference {})", reference, e);
        return error(500, "internal_error", "internal error; reference " + reference + " in the server log", List.of());
    }

    private static Response json(JsonProcessingException j) {
        if (j instanceof UnrecognizedPropertyException u) {
            String field = path(u);
            return error(400, "invalid_input", field + ": unknown field", List.of(new FieldError(field, "unknown field")));
        }
        if (j instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = path(m);
            String message = "has the wrong type or format";
            return error(400, "invalid_input", field + ": " + message, List.of(new FieldError(field, message)));
        }
        String message = j instanceof JsonParseException ? "malformed JSON: " + j.getOriginalMessage() : "invalid JSON body: " + j.getOriginalMessage();
        return error(400, "invalid_input", message, List.of(new FieldError("body", message)));
    }

    private static String path(JsonMappingException m) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "body" : sb.toString();
    }

    private static String codeOf(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "server_error" : "client_error";
        };
    }

    static Response error(int status, String code, String message, List<FieldError> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        if (!fields.isEmpty()) {
            body.put("fields", fields.stream().map(f -> Map.of("field", f.field(), "message", f.message()))
                    .collect(Collectors.toList()));
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", body)).build();
    }
}
