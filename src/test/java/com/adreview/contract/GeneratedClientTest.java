package com.adreview.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.adreview.client.ApiClient;
import com.adreview.client.ApiException;
import com.adreview.client.api.SubmissionsApi;
import com.adreview.client.model.AdPackage;
import com.adreview.client.model.FieldError;
import com.adreview.client.model.PageSubmissionView;
import com.adreview.client.model.Problem;
import com.adreview.client.model.Submission;
import com.adreview.client.model.SubmissionStatus;
import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.TestPackages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A gateway's work through the Java client that openapi-generator (native library) generates from
 * src/main/openapi/openapi.json at build time: submit, read, list page by page, and read a refusal as an RFC 9457
 * problem. A description that does not say what the service does breaks the client, and this test.
 */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class GeneratedClientTest {

    @TestHTTPResource("/")
    URL service;

    /** The generated client of the account's gateway, with its API key. */
    private SubmissionsApi gatewayOf(String accountId) {
        String key = Api.keyFor(accountId);
        ApiClient client = new ApiClient();
        client.updateBaseUri(service.toString().replaceAll("/$", ""));
        client.setRequestInterceptor(request -> request.header("X-Api-Key", key));
        return new SubmissionsApi(client);
    }

    private static AdPackage adPackage(TestPackages ad) {
        return new ApiClient().getObjectMapper().convertValue(ad.json(), AdPackage.class);
    }

    @Test
    void aGatewaySubmitsReadsAndListsPageByPage() throws ApiException {
        String account = "acct-client-" + UUID.randomUUID().toString().substring(0, 8);
        SubmissionsApi gateway = gatewayOf(account);

        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestPackages ad =
                    TestPackages.example("01-approved-p2p").asNewEntity(account).with("adId", "client-ad-" + i);
            Submission created = gateway.submitAdPackage(adPackage(ad), "client-" + account + "-" + i);
            assertThat(created.getStatus()).isEqualTo(SubmissionStatus.APPROVED);
            assertThat(created.getAdId()).isEqualTo("client-ad-" + i);
            assertThat(created.getDecision()).isNotNull();
            submitted.add(created.getId());
        }

        Submission read = gateway.getSubmission(submitted.get(0));
        assertThat(read.getId()).isEqualTo(submitted.get(0));
        assertThat(read.getAccountId()).isEqualTo(account);
        assertThat(read.getStatus()).isEqualTo(SubmissionStatus.APPROVED);

        PageSubmissionView first = gateway.listSubmissions(null, null, null, null, "2", null);
        assertThat(first.getItems()).hasSize(2);
        assertThat(first.getNext()).isNotBlank();
        PageSubmissionView second = gateway.listSubmissions(null, null, null, first.getNext(), "2", null);
        assertThat(second.getItems()).hasSize(1);
        assertThat(second.getNext()).isNull();
        List<String> listed = new ArrayList<>();
        first.getItems().forEach(s -> listed.add(s.getId()));
        second.getItems().forEach(s -> listed.add(s.getId()));
        // Newest first, every submission of the account once.
        assertThat(listed).containsExactly(submitted.get(2), submitted.get(1), submitted.get(0));
    }

    @Test
    void aRefusalIsAProblemNamingTheField() throws Exception {
        String account = "acct-client-" + UUID.randomUUID().toString().substring(0, 8);
        SubmissionsApi gateway = gatewayOf(account);
        AdPackage bad = adPackage(TestPackages.example("01-approved-p2p")
                .asNewEntity(account)
                .with("advertiser.registeredCapital.amount", -5));

        ApiException refused = catchThrowableOfType(ApiException.class, () -> gateway.submitAdPackage(bad, null));

        assertThat(refused.getCode()).isEqualTo(400);
        assertThat(refused.getResponseHeaders().firstValue("Content-Type")).hasValue("application/problem+json");
        Problem problem = new ApiClient().getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getType()).isNotBlank();
        assertThat(problem.getInstance()).isEqualTo("/v1/submissions");
        assertThat(problem.getErrors())
                .extracting(FieldError::getField)
                .contains("advertiser.registeredCapital.amount");

        ApiException missing = catchThrowableOfType(ApiException.class, () -> gateway.getSubmission("no-such-id"));
        assertThat(missing.getCode()).isEqualTo(404);
        Problem notFound = new ApiClient().getObjectMapper().readValue(missing.getResponseBody(), Problem.class);
        assertThat(notFound.getStatus()).isEqualTo(404);
        assertThat(notFound.getDetail()).isNotBlank();
    }
}
