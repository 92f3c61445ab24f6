package eaeu.pmm03.server.portal;

import eaeu.pmm03.server.transport.ApiParams;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/**
 * The exports and the Atom feed answer a bad parameter as the JSON API does: application/problem+json (RFC 9457,
 * written by ApiParams.problem, the one place of that format), not Spring's default error page.
 */
@RestControllerAdvice(assignableTypes = {Exports.class, Feed.class})
class PortalProblems {

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<ProblemDetail> problem(ResponseStatusException e) {
        return ApiParams.problem(e);
    }
}
