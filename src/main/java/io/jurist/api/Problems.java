package io.jurist.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Builds the problem details this API answers with. */
public final class Problems {

    private Problems() {
    }

    /** A 400 naming each bad field in an {@code errors} array. */
    public static ProblemDetail invalid(String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors.stream()
                .map(e -> Map.of("field", e.field(), "message", e.message())).toList());
        return problem;
    }

    /**
     * A 400 for a body that could not be read as the expected JSON, from the reading failure
     * (Jackson's exception), naming the field where one is to blame.
     */
    public static ProblemDetail unreadable(Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return invalid("The body has a field this API does not know: '" + field
                            + "'. Unknown fields are refused so that a misspelt field never changes an answer.",
                    List.of(new FieldError(field, "is not a known field; known here: "
                            + unknown.getKnownPropertyIds().stream().map(Object::toString).sorted()
                            .collect(Collectors.joining(", ")))));
        }
        if (cause instanceof InvalidFormatException format) {
            String field = path(format);
            return invalid("The field '" + field + "' has the wrong type or form",
                    List.of(new FieldError(field, "'" + format.getValue() + "' is not a valid "
                            + typeName(format.getTargetType()))));
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = path(mismatch);
            return invalid("The field '" + field + "' has the wrong type",
                    List.of(new FieldError(field, "must be " + typeName(mismatch.getTargetType()))));
        }
        if (cause instanceof JsonParseException parse) {
            return invalid("The body is not valid JSON (line " + parse.getLocation().getLineNr()
                    + ", column " + parse.getLocation().getColumnNr() + "): " + parse.getOriginalMessage(), List.of());
        }
        if (cause instanceof JsonMappingException mapping) {
            return invalid("The body is not a complete JSON object of the expected shape: "
                    + mapping.getOriginalMessage().replaceAll("\\s*\\(start marker.*$", "").strip(), List.of());
        }
        return invalid("The request body is missing or unreadable: send a JSON object", List.of());
    }

    /** The JSON path of a mapping failure, such as {@code subject.age} or {@code files[2]}. */
    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(body)" : path.toString();
    }

    static String typeName(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant such as 2024-11-25T00:00:00Z";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        return "an object (" + type.getSimpleName() + ")";
    }
}
