package io.ticketbridge.runtime;

import java.util.List;

import io.ticketbridge.api.ErrorBody;
import io.ticketbridge.model.Json;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Failures Vert.x answers before a request reaches a Camel route (body over the server limit,
 * unmatched paths) get the API's one error shape instead of Vert.x's default pages.
 */
final class HttpErrorPages {

    private HttpErrorPages() {
    }

    static void install(CamelContext context) {
        for (VertxPlatformHttpRouter router : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            if (!VertxPlatformHttpRouter.SERVER_TYPE_SERVER.equals(router.getServerType())) {
                continue;
            }
            // This router is Camel's sub-router: Vert.x consults only the top-level router's errorHandler()s,
            // so the pages are a failure-handler route here (failures inside a sub-router reach it first).
            router.route().failureHandler(ctx -> {
                switch (ctx.statusCode()) {
                    case 413 -> write(ctx, 413, "payload_too_large", "The request body exceeds the server limit");
                    case 404 -> write(ctx, 404, "not_found", "No resource at " + ctx.request().path());
                    case 405 -> write(ctx, 405, "method_not_allowed",
                            ctx.request().method() + " is not allowed on " + ctx.request().path());
                    default -> ctx.next();
                }
            });
        }
    }

    private static void write(RoutingContext ctx, int status, String error, String message) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(Json.write(new ErrorBody(error, message, List.of(), List.of())));
    }
}
