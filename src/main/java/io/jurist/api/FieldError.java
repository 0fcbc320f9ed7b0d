package io.jurist.api;

/**
 * One bad field of a request.
 *
 * @param field   the field's path, such as {@code subject.country}
 * @param message what is wrong with it and what would be right
 */
public record FieldError(String field, String message) {
}
