<#ftl output_format="HTML">
<#-- A new password (required action UPDATE_PASSWORD, or asked for by the application), as the
     embedded identity server's updatePasswordPage (idp/login/render.ts). Keycloak's own warning
     ("you need to change your password") is this page's lead, so it is not repeated as a notice. -->
<#import "template.ftl" as layout>
<#assign fieldError = messagesPerField.getFirstError('password','password-confirm')>
<#assign policyLength = (passwordPolicies.length)!0>
<#assign minLength = policyLength?is_number?then(policyLength, (policyLength?string)?number)>
<@layout.registrationLayout pageTitle=msg("updatePasswordTitle") formError=fieldError displayMessage=(!messagesPerField.existsError('password','password-confirm') && message?has_content && message.type = "error"); section>
<#if section = "header">
${msg("updatePasswordMessage")}
<#elseif section = "form">
<#assign describedBy = ((fieldError?has_content)?then("form-error ", "") + (minLength gt 0)?then("password-hint", ""))?trim>
<form id="kc-passwd-update-form" method="post" action="${url.loginAction}" onsubmit="login.disabled = true; return true;">
<label for="password-new">${msg("passwordNew")}</label>
<input id="password-new" name="password-new" type="password" autocomplete="new-password"<#if minLength gt 0> minlength="${minLength?c}"</#if> required autofocus<#if fieldError?has_content> aria-invalid="true"</#if><#if describedBy?has_content> aria-describedby="${describedBy}"</#if>>
<#if minLength gt 0>
<p id="password-hint" class="hint">${msg("gatehousePasswordHint", minLength?c)}</p>
</#if>
<label for="password-confirm">${msg("passwordConfirm")}</label>
<input id="password-confirm" name="password-confirm" type="password" autocomplete="new-password" required>
<label class="checkbox" for="logout-sessions"><input id="logout-sessions" name="logout-sessions" type="checkbox"> ${msg("logoutOtherSessions")}</label>
<button type="submit" id="kc-submit" name="login">${msg("gatehouseSavePassword")}</button>
<#if isAppInitiatedAction??>
<button type="submit" id="kc-cancel" name="cancel-aia" value="true" class="secondary" formnovalidate>${msg("doCancel")}</button>
</#if>
</form>
</#if>
</@layout.registrationLayout>
