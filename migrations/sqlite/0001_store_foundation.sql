-- Catalog, carts, orders with frozen margins, the email outbox, admins and sessions.
-- Times are Unix milliseconds; money is integer minor units beside a currency code.

create table products (
    id integer primary key,
    slug text not null unique,
    name text not null,
    tagline text not null,
    description text not null,
    color text not null,
    status text not null check (status in ('draft', 'preorder', 'active', 'archived')),
    ships_on text,
    ingredients text not null,
    shelf_life_months bigint not null check (shelf_life_months > 0),
    nutrition text not null,
    sort_order bigint not null default 0,
    created_at bigint not null
);

create table variants (
    id integer primary key,
    product_id bigint not null references products (id),
    sku text not null unique,
    pack_size bigint not null check (pack_size > 0),
    weight_g bigint not null check (weight_g > 0),
    stock bigint not null check (stock >= 0),
    created_at bigint not null
);

create table variant_prices (
    id integer primary key,
    variant_id bigint not null references variants (id),
    amount_minor bigint not null check (amount_minor > 0),
    currency text not null,
    effective_from bigint not null,
    created_at bigint not null
);
create index variant_prices_by_variant on variant_prices (variant_id, effective_from);

create table variant_costs (
    id integer primary key,
    variant_id bigint not null references variants (id),
    unit_cost_minor bigint not null check (unit_cost_minor >= 0),
    currency text not null,
    effective_from bigint not null,
    created_at bigint not null
);
create index variant_costs_by_variant on variant_costs (variant_id, effective_from);

create table fulfilment_rates (
    id integer primary key,
    currency text not null,
    packaging_per_order bigint not null check (packaging_per_order >= 0),
    pick_pack_per_order bigint not null check (pick_pack_per_order >= 0),
    pick_pack_per_pack bigint not null check (pick_pack_per_pack >= 0),
    card_fee_bps bigint not null check (card_fee_bps >= 0),
    card_fee_fixed bigint not null check (card_fee_fixed >= 0),
    effective_from bigint not null,
    created_at bigint not null
);

create table shipping_rates (
    id integer primary key,
    currency text not null,
    max_weight_g bigint not null check (max_weight_g > 0),
    label_cost bigint not null check (label_cost >= 0),
    effective_from bigint not null,
    created_at bigint not null
);

create table carts (
    id text primary key,
    created_at bigint not null,
    updated_at bigint not null
);

create table cart_lines (
    id integer primary key,
    cart_id text not null references carts (id) on delete cascade,
    variant_id bigint not null references variants (id),
    quantity bigint not null check (quantity between 1 and 10),
    created_at bigint not null,
    unique (cart_id, variant_id)
);

create table customers (
    id integer primary key,
    email text not null unique,
    first_paid_order_id bigint unique,
    created_at bigint not null
);

create table orders (
    id integer primary key,
    number text not null unique,
    access_token text not null unique,
    customer_id bigint not null references customers (id),
    email text not null,
    ship_name text not null,
    ship_line1 text not null,
    ship_city text not null,
    ship_region text not null,
    ship_postal_code text not null,
    status text not null check (status in ('pending', 'paid', 'failed', 'expired')),
    currency text not null,
    subtotal bigint not null check (subtotal >= 0),
    discount bigint not null check (discount >= 0),
    shipping bigint not null check (shipping >= 0),
    tax bigint not null check (tax >= 0),
    total bigint not null check (total >= 0),
    weight_g bigint not null check (weight_g >= 0),
    first_order bigint check (first_order in (0, 1)),
    cart_id text,
    hold_expires_at bigint not null,
    payment_provider text not null,
    payment_token text not null unique,
    provider_session_id text unique,
    provider_payment_id text unique,
    channel text not null,
    utm_source text,
    utm_medium text,
    utm_campaign text,
    utm_content text,
    referral_code text,
    landing_page text,
    touched_at bigint,
    created_at bigint not null,
    paid_at bigint
);
create index orders_pending_by_expiry on orders (status, hold_expires_at);

create table order_lines (
    id integer primary key,
    order_id bigint not null references orders (id),
    variant_id bigint not null references variants (id),
    sku text not null,
    product_name text not null,
    pack_size bigint not null check (pack_size > 0),
    preorder_ships_on text,
    quantity bigint not null check (quantity between 1 and 10),
    unit_price bigint not null check (unit_price > 0),
    price_row_id bigint not null references variant_prices (id),
    line_total bigint not null check (line_total > 0),
    created_at bigint not null
);

create table order_events (
    id integer primary key,
    order_id bigint not null references orders (id),
    kind text not null,
    actor text not null,
    detail text,
    created_at bigint not null
);

create table order_margins (
    id integer primary key,
    order_id bigint not null unique references orders (id),
    currency text not null,
    gross_sales bigint not null,
    discounts bigint not null,
    shipping_charged bigint not null,
    net_revenue bigint not null,
    cogs bigint not null,
    cm1 bigint not null,
    packaging bigint not null,
    pick_pack bigint not null,
    shipping_cost bigint not null,
    payment_fee bigint not null,
    cm2 bigint not null,
    acquisition_cost bigint not null,
    cm3 bigint not null,
    first_order bigint not null check (first_order in (0, 1)),
    fee_source text not null,
    fulfilment_rate_id bigint not null references fulfilment_rates (id),
    shipping_rate_id bigint not null references shipping_rates (id),
    acquisition_source text not null,
    created_at bigint not null
);

create table order_margin_lines (
    id integer primary key,
    margin_id bigint not null references order_margins (id),
    order_line_id bigint not null references order_lines (id),
    quantity bigint not null,
    unit_price bigint not null,
    unit_cost bigint not null,
    cost_row_id bigint not null references variant_costs (id),
    created_at bigint not null
);

create table outbox (
    id integer primary key,
    dedupe_key text not null unique,
    recipient text not null,
    subject text not null,
    body text not null,
    status text not null check (status in ('pending', 'sent', 'failed')),
    attempts bigint not null default 0,
    last_error text,
    next_attempt_at bigint not null,
    created_at bigint not null,
    sent_at bigint
);

create table webhook_events (
    id integer primary key,
    provider text not null,
    event_id text not null,
    kind text not null,
    created_at bigint not null,
    unique (provider, event_id)
);

create table admins (
    id integer primary key,
    email text not null unique,
    password_hash text not null,
    role text not null check (role in ('owner', 'editor', 'analyst')),
    created_at bigint not null
);

create table sessions (
    id text primary key,
    data text not null,
    expires_at bigint not null
);
create index sessions_by_expiry on sessions (expires_at);
