package io.jurist.web;

import io.jurist.api.ApiException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/** Errors on the editor's pages are shown as a page, not as the API's problem JSON. */
@ControllerAdvice(basePackageClasses = WebErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebErrors {

    @ExceptionHandler(ResponseStatusException.class)
    ModelAndView status(ResponseStatusException e) {
        return page(e.getStatusCode(), e.getReason());
    }

    @ExceptionHandler(ApiException.class)
    ModelAndView api(ApiException e) {
        return page(e.status(), e.title() + ": " + e.getMessage());
    }

    private static ModelAndView page(HttpStatusCode status, String message) {
        ModelAndView page = new ModelAndView("problem");
        page.setStatus(HttpStatus.valueOf(status.value()));
        page.addObject("status", status.value());
        page.addObject("message", message);
        return page;
    }
}
