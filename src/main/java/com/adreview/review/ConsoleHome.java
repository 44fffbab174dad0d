package com.adreview.review;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The service's root leads a person to the console. */
@Path("/")
public class ConsoleHome {

    @GET
    @PermitAll
    @Operation(hidden = true)
    public Response home() {
        return Response.seeOther(URI.create("/console")).build();
    }
}
