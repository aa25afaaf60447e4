<#ftl output_format="HTML">
<#-- The sign-in form, as the embedded identity server's loginPage (idp/login/render.ts): the error
     of the username and password fields goes to the alert region, both inputs are marked invalid. -->
<#import "template.ftl" as layout>
<#import "social-providers.ftl" as identityProviders>
<#import "passkeys.ftl" as passkeys>
<#assign fieldError = messagesPerField.getFirstError('username','password')>
<@layout.registrationLayout pageTitle=msg("doLogIn") formError=fieldError displayMessage=!messagesPerField.existsError('username','password') displayInfo=realm.password && realm.registrationAllowed && !registrationDisabled??; section>
<#if section = "header">
${msg("loginAccountTitle")}
<#elseif section = "form">
<#if realm.password>
<#assign invalid = fieldError?has_content>
<#assign prefilled = (login.username!'')?has_content>
<form id="kc-form-login" method="post" action="${url.loginAction}" onsubmit="login.disabled = true; return true;">
<#if !usernameHidden??>
<label for="username"><#if !realm.loginWithEmailAllowed>${msg("username")}<#elseif !realm.registrationEmailAsUsername>${msg("usernameOrEmail")}<#else>${msg("email")}</#if></label>
<input id="username" name="username" type="text" autocomplete="${(enableWebAuthnConditionalUI?has_content)?then('username webauthn', 'username')}" autocapitalize="none" spellcheck="false" required value="${login.username!''}"<#if !prefilled> autofocus</#if><#if invalid> aria-invalid="true" aria-describedby="form-error"</#if>>
</#if>
<label for="password">${msg("password")}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required<#if prefilled || usernameHidden??> autofocus</#if><#if invalid> aria-invalid="true" aria-describedby="form-error"</#if>>
<#if realm.rememberMe && !usernameHidden??>
<label class="checkbox" for="rememberMe"><input id="rememberMe" name="rememberMe" type="checkbox"<#if login.rememberMe??> checked</#if>> ${msg("rememberMe")}</label>
</#if>
<#if realm.resetPasswordAllowed>
<p class="hint"><a href="${url.loginResetCredentialsUrl}">${msg("doForgotPassword")}</a></p>
</#if>
<input type="hidden" id="id-hidden-input" name="credentialId"<#if auth.selectedCredential?has_content> value="${auth.selectedCredential}"</#if>>
<button type="submit" id="kc-login" name="login">${msg("doLogIn")}</button>
</form>
</#if>
<@passkeys.conditionalUIData />
<#elseif section = "socialProviders">
<#if realm.password && social.providers?? && social.providers?has_content>
<@identityProviders.show social=social/>
</#if>
<#elseif section = "info">
<#if realm.password && realm.registrationAllowed && !registrationDisabled??>
<p id="kc-registration">${msg("noAccount")} <a href="${url.registrationUrl}">${msg("doRegister")}</a></p>
</#if>
</#if>
</@layout.registrationLayout>
