# Hand-encodes a one-node ONNX model (no onnx package here): Y = op(A, B) with fixed shapes.
import sys
def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7f; n >>= 7
        if n: out.append(b | 0x80)
        else: out.append(b); return bytes(out)
def field(num, wire, payload):
    key = varint((num << 3) | wire)
    if wire == 0: return key + varint(payload)
    return key + varint(len(payload)) + payload
def s(num, text): return field(num, 2, text.encode())
def tensor_type(elem, dims):
    shape = b''.join(field(1, 2, field(1, 0, d)) for d in dims)
    return field(1, 2, field(1, 0, elem) + field(2, 2, shape))
def value_info(name, elem, dims): return s(1, name) + field(2, 2, tensor_type(elem, dims))
def model(op, ea, eb, ey, M, K, N, path):
    node = s(1, "A") + s(1, "B") + s(2, "Y") + s(4, op)
    graph = field(1, 2, node) + s(2, "g") + field(11, 2, value_info("A", ea, [M, K])) + field(11, 2, value_info("B", eb, [K, N])) + field(12, 2, value_info("Y", ey, [M, N]))
    m = field(1, 0, 8) + field(8, 2, s(1, "") + field(2, 0, 17)) + field(7, 2, graph)
    open(path, "wb").write(m)
for M in (60, 2048):
    model("MatMul", 1, 1, 1, M, 384, 1536, f"f32-{M}.onnx")
    model("MatMulInteger", 2, 3, 6, M, 384, 1536, f"u8s8-{M}.onnx")
