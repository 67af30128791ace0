package com.krenalis.rest.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.MessageBodyWriter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsMediaType;

/** JSON for the admin API: ISO-8601 times, unknown input fields rejected (a typo is an error, not a no-op). */
@Component(service = {MessageBodyReader.class, MessageBodyWriter.class})
@JakartarsExtension
@JakartarsMediaType(MediaType.APPLICATION_JSON)
public final class JsonProvider extends JacksonJsonProvider {
    /** Resources select this so that they are served only with JSON support in place. */
    static final String SELECT = "(osgi.jakartars.media.type=" + MediaType.APPLICATION_JSON + ")";

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    @Activate
    public JsonProvider() {
        super(MAPPER);
    }
}
