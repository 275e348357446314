package dev.rootgate.web.pages;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.rootgate.web.Transport;

import io.quarkus.arc.Unremovable;
import io.quarkus.oidc.OidcRedirectFilter;
import io.quarkus.oidc.Redirect;
import io.vertx.core.http.Cookie;

/**
 * When a page asked for a fresh login (the {@link Reauth#COOKIE} marker), the redirect to the identity provider
 * carries {@code prompt=login} and {@code max_age}, so an existing SSO session at the IdP is not enough: the user
 * authenticates again and the new token's {@code auth_time} is fresh.
 */
@ApplicationScoped
@Unremovable // looked up by quarkus-oidc at run time, not injected
@Redirect(Redirect.Location.OIDC_AUTHORIZATION)
public class ReauthRedirectFilter implements OidcRedirectFilter {

    @Inject
    Transport transport;

    @Override
    public void filter(OidcRedirectContext context) {
        Cookie marker = context.routingContext().request().getCookie(Reauth.COOKIE);
        if (marker == null) {
            return;
        }
        context.additionalQueryParams().add("prompt", "login");
        String maxAge = marker.getValue().matches("[0-9]{1,5}") ? marker.getValue() : "0";
        context.additionalQueryParams().add("max_age", maxAge);
        context.routingContext().response().addCookie(Cookie.cookie(Reauth.COOKIE, "").setPath("/").setMaxAge(0)
                .setHttpOnly(true).setSecure(transport.https()));
    }
}
