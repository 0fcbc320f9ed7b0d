package io.jurist.decision;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.stereotype.Component;

/**
 * Writes a single decision's answer as the batch writes its lines ({@link AnswerJson}, Jackson's streaming API
 * on the application's mapper's factory) instead of through the data-binding layer: the same bytes and the same
 * headers as Spring's Jackson converter writes ({@code DecisionAnswerConverterTests}), at less cost per answer.
 * Spring Boot puts converter beans before its defaults; this one only writes {@link DecisionResponse} and reads
 * nothing, so every other body is still read and written by the Jackson converter.
 */
@Component
class DecisionAnswerConverter extends AbstractHttpMessageConverter<DecisionResponse> {

    private final ObjectMapper json;

    DecisionAnswerConverter(ObjectMapper json) {
        super(MediaType.APPLICATION_JSON);
        this.json = json;
    }

    @Override
    protected boolean supports(Class<?> type) {
        return type == DecisionResponse.class;
    }

    @Override
    public boolean canRead(Class<?> type, MediaType mediaType) {
        return false;
    }

    @Override
    protected DecisionResponse readInternal(Class<? extends DecisionResponse> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("A decision answer is written, never read", input);
    }

    @Override
    protected void writeInternal(DecisionResponse answer, HttpOutputMessage output)
            throws IOException, HttpMessageNotWritableException {
        // As Spring's Jackson converter: UTF-8 (application/json names no charset), flushed, the stream left open.
        JsonGenerator generator = json.getFactory().createGenerator(output.getBody(), JsonEncoding.UTF8);
        AnswerJson.write(generator, answer);
        generator.flush();
    }
}
